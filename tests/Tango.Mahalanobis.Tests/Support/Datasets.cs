namespace Tango.Mahalanobis.Tests;

/// <summary>The repository's datasets (copied next to the test assembly) and the derived digits variants.</summary>
internal static class Datasets
{
    private static readonly Lazy<LabeledDataset> LazyIris = new(() => Read("iris.csv"));
    private static readonly Lazy<LabeledDataset> LazyDigits = new(() => Read("digits.csv.gz"));
    private static readonly Lazy<LabeledDataset> LazyWine = new(() => Read("wine_data.csv"));

    public static LabeledDataset Iris => LazyIris.Value;

    public static LabeledDataset Digits => LazyDigits.Value;

    public static LabeledDataset Wine => LazyWine.Value;

    /// <summary>iris, digits, digits_nzv (3 constant pixels dropped) or digits_std (that, z-scored).</summary>
    public static (double[,] X, int[] Y) Get(string name) => name switch
    {
        "iris" => (Iris.Features, Iris.Labels),
        "digits" => (Digits.Features, Digits.Labels),
        "digits_nzv" => (NonConstantColumns(Digits.Features, standardize: false), Digits.Labels),
        "digits_std" => (NonConstantColumns(Digits.Features, standardize: true), Digits.Labels),
        _ => throw new ArgumentException(name),
    };

    private static LabeledDataset Read(string file) =>
        LabeledDataset.ReadCsv(Path.Combine(AppContext.BaseDirectory, "Data", file));

    // Columns with nonzero (population) standard deviation, optionally z-scored (as the reference script does).
    private static double[,] NonConstantColumns(double[,] x, bool standardize)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var keep = new List<(int Col, double Mean, double Std)>();
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x[i, j];
            }

            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++)
            {
                var += (x[i, j] - mean) * (x[i, j] - mean);
            }

            double std = Math.Sqrt(var / n);
            if (std > 0)
            {
                keep.Add((j, mean, std));
            }
        }

        var r = new double[n, keep.Count];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < keep.Count; c++)
            {
                var (col, mean, std) = keep[c];
                r[i, c] = standardize ? (x[i, col] - mean) / std : x[i, col];
            }
        }

        return r;
    }
}
