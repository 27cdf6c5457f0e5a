using Tango.Core;
using Tango.Evaluation;

namespace Tango.Training.Tests;

public sealed class RunFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tango-runfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Metrics_RoundTrip_WithNaNAsNull_AndNoTemporaryFilesLeft()
    {
        var history = new List<EpochRecord>
        {
            new(0, double.NaN, 1e-3, 0.5, new Dictionary<AccuracyMetric, double> { [AccuracyMetric.Nmi] = 0.25 }),
            new(1, 0.75, 9e-4, 1.5, new Dictionary<AccuracyMetric, double>
            {
                [AccuracyMetric.MeanAveragePrecisionAtR] = 0.5, [AccuracyMetric.Ami] = double.NaN,
            }),
        };
        string path = Path.Combine(_dir, "sub", "metrics.json");
        RunFiles.WriteMetrics(path, history);
        string text = File.ReadAllText(path);
        Assert.Contains("\"loss\": null", text, StringComparison.Ordinal);
        Assert.Contains("\"mean_average_precision_at_r\": 0.5", text, StringComparison.Ordinal);
        var back = RunFiles.ReadMetrics(path);
        Assert.Equal(2, back.Count);
        Assert.True(double.IsNaN(back[0].Loss));
        Assert.Equal(0.25, back[0][AccuracyMetric.Nmi]);
        Assert.Equal(0.75, back[1].Loss);
        Assert.True(double.IsNaN(back[1][AccuracyMetric.Ami]));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Theory]
    [InlineData("map@r", AccuracyMetric.MeanAveragePrecisionAtR)]
    [InlineData("mean_average_precision_at_r", AccuracyMetric.MeanAveragePrecisionAtR)]
    [InlineData("P@1", AccuracyMetric.PrecisionAt1)]
    [InlineData("nmi", AccuracyMetric.Nmi)]
    [InlineData("RPrecision", AccuracyMetric.RPrecision)]
    public void MetricNames_Parse_AcceptsKeysTitlesAndEnumNames(string text, AccuracyMetric expected) =>
        Assert.Equal(expected, MetricNames.Parse(text));

    [Fact]
    public void Standardize_FitsMeanAndInverseStd_AndIsSavedAsBuffers()
    {
        var (shift, scale) = Standardize.Fit([1f, 3f, 5f, 7f]);
        Assert.Equal(4f, shift);
        Assert.Equal(1 / Math.Sqrt(5), scale, 6);
        var spec = new MlpSpec(2, [], 1, Normalize: false) { InputShift = 1f, InputScale = 2f };
        var model = spec.Build(new Rng(0));
        Assert.Contains("0.shift", model.StateDict().Keys);
        var y = new Standardize(1f, 2f).Forward(Tensor.FromArray([3f, -1f])).ToArray();
        Assert.Equal([4f, -4f], y);
    }
}
