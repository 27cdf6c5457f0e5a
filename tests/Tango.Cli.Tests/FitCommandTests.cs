using Tango.Cli;
using Tango.Core.IO;

namespace Tango.Cli.Tests;

public class FitCommandTests
{
    // Covariance (whitening) on iris over 5 fixed folds: the numbers are what the library computes for the same
    // folds, so the command's wiring (folds, refit per fold, table) is checked, not just its exit code.
    [Fact]
    public void Covariance_OnIris_PrintsBeforeAndAfterAccuracies()
    {
        var (code, output, error) = Invoke("fit", "covariance", "--dataset", "iris");
        Assert.True(code == 0, error);
        var iris = Tango.Mahalanobis.LabeledDataset.Builtin("iris");
        var folds = Tango.Mahalanobis.KnnClassifier.StratifiedFolds(iris.Labels, 5, 0);
        var before = Tango.Mahalanobis.KnnCrossValidation.Run(null, iris.Features, iris.Labels, folds, 1, 3);
        var after = Tango.Mahalanobis.KnnCrossValidation.Run(() => new Tango.Mahalanobis.Covariance(), iris.Features,
            iris.Labels, folds, 1, 3);
        Assert.Contains("150 samples, 4 features, 3 classes", output, StringComparison.Ordinal);
        Assert.Contains($"Euclidean     {before[0]:F4}  {before[1]:F4}", output, StringComparison.Ordinal);
        Assert.Contains($"covariance    {after[0]:F4}  {after[1]:F4}", output, StringComparison.Ordinal);
        Assert.InRange(before[0], 0.93, 0.98); // iris 1-NN is ~0.96 under any reasonable folds
    }

    [Fact]
    public void Nca_OnWine_ImprovesKnnAndSavesComponents()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tango-fit-{Guid.NewGuid():N}.npy");
        try
        {
            var (code, output, error) = Invoke("fit", "nca", "--dataset", "wine", "--components", "2",
                "--max-iterations", "30", "--save", path);
            Assert.True(code == 0, error);
            var rows = output.Split('\n');
            double Acc(string prefix, int col) => double.Parse(rows.First(r => r.StartsWith(prefix,
                StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[col],
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Acc("nca    ", 1) > Acc("Euclidean", 1) + 0.1, output); // wine's raw scales are very unequal
            var l = Npy.Read(path);
            Assert.Equal([2, 13], l.Shape.ToArray());
            Assert.Contains(l.GetData<double>(), v => v != 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UserNpy_IsReadWithItsLabels()
    {
        string dir = Directory.CreateTempSubdirectory("tango-fit").FullName;
        try
        {
            var iris = Tango.Mahalanobis.LabeledDataset.Builtin("iris");
            var flat = new double[iris.Features.Length];
            Buffer.BlockCopy(iris.Features, 0, flat, 0, flat.Length * sizeof(double));
            Npy.Write(Path.Combine(dir, "x.npy"), flat, 150, 4);
            Npy.Write(Path.Combine(dir, "y.npy"), iris.Labels, 150);
            var (code, output, error) = Invoke("fit", "lfda", "--data", Path.Combine(dir, "x.npy"), "--labels",
                Path.Combine(dir, "y.npy"), "--folds", "3");
            Assert.True(code == 0, error);
            Assert.Contains("lfda on x: 150 samples, 4 features, 3 classes; 3 stratified folds", output,
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("unknown learner 'foo'", "fit", "foo")]
    [InlineData("--chunks does not apply to nca", "fit", "nca", "--chunks", "5")]
    [InlineData("Unknown built-in dataset 'mnist'", "fit", "covariance", "--dataset", "mnist")]
    [InlineData("no such file", "fit", "nca", "--data", "/nonexistent/x.csv")]
    [InlineData("--folds 1 must be in [2, 50]", "fit", "covariance", "--folds", "1")]
    [InlineData("must be ≥ 1", "fit", "lfda", "--neighbors", "0")]
    public void BadInput_OneLineOnStderr_ExitTwo(string expected, params string[] args)
    {
        var (code, _, error) = Invoke(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MalformedCsv_NamesTheLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tango-fit-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "1,2,0\n3,4,1\n5,x,0\n");
        try
        {
            var (code, _, error) = Invoke("fit", "covariance", "--data", path);
            Assert.Equal(2, code);
            Assert.Contains("line 3, column 2: 'x' is not a finite number", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = TangoCommand.Build().Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }
}
