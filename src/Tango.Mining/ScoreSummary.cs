namespace Tango.Mining;

/// <summary>
/// Distribution of a set of scores: count, mean, sample standard deviation (n − 1, as torch.std), minimum,
/// quartiles by linear interpolation between order statistics (numpy's default), maximum. Empty sets give NaN.
/// </summary>
public sealed record ScoreSummary(int Count, double Mean, double Std, double Min, double Q25, double Median,
    double Q75, double Max)
{
    /// <summary>Summarises <paramref name="scores"/>.</summary>
    public static ScoreSummary Of(IReadOnlyCollection<float> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return new ScoreSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN);
        }

        var x = scores.Select(s => (double)s).Order().ToArray();
        double mean = x.Average();
        double ss = x.Sum(v => (v - mean) * (v - mean));
        double std = x.Length > 1 ? Math.Sqrt(ss / (x.Length - 1)) : double.NaN;
        return new ScoreSummary(x.Length, mean, std, x[0], Quantile(x, 0.25), Quantile(x, 0.5), Quantile(x, 0.75),
            x[^1]);
    }

    // sorted: ascending -> value at fraction p with linear interpolation (numpy "linear")
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
