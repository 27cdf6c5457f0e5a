using Tango.Evaluation;
using Tango.Training.Reporting;

namespace Tango.Training.Tests.Reporting;

public class HtmlReportTests
{
    private static readonly Dictionary<AccuracyMetric, double> Before = new()
    {
        [AccuracyMetric.PrecisionAt1] = 0.5, [AccuracyMetric.MeanAveragePrecisionAtR] = 0.25,
    };

    private static readonly Dictionary<AccuracyMetric, double> After = new()
    {
        [AccuracyMetric.PrecisionAt1] = 0.875, [AccuracyMetric.MeanAveragePrecisionAtR] = 0.625,
    };

    [Fact]
    public void Render_HasTheTableCurvesAndScatters_AndNoExternalResources()
    {
        var history = new List<EpochRecord>
        {
            new(0, double.NaN, 1e-3, 0.1, Before), new(1, 0.9, 1e-3, 0.2, new Dictionary<AccuracyMetric, double>()),
            new(2, 0.4, 5e-4, 0.2, After),
        };
        var html = HtmlReport.Render(new ReportContent
        {
            Title = "run <1>",
            History = history,
            Comparison = [new("untrained", Before), new("trained", After)],
            ScatterLabels = [0, 1, 1],
            ClassNames = ["a&b", "c"],
            ScatterBefore = [0, 0, 1, 1, 2, 0],
            ScatterAfter = [0, 0, 1, 1, float.NaN, 0],
            Settings = [new("loss", "MultiSimilarityLoss")],
        });
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("run &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b", html, StringComparison.Ordinal);
        Assert.Contains("0.6250", html, StringComparison.Ordinal);
        Assert.Equal(4, Count(html, "<svg"));
        // 3 + 2 scatter points (the NaN one is left out) plus 2 + 2 markers on the metric lines and 2 on the loss.
        Assert.Equal(5 + 4 + 2, Count(html, "<circle"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0.31, 0.97, new[] { 0.4, 0.6, 0.8 })]
    [InlineData(-3, 47, new[] { 0.0, 10, 20, 30, 40 })]
    public void Ticks_AreNiceAndInsideTheRange(double min, double max, double[] expected)
    {
        var ticks = SvgChart.Ticks(min, max);
        Assert.Equal(expected.Length, ticks.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ticks[i], 9);
        }
    }

    private static int Count(string text, string what) =>
        (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
