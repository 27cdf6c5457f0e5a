namespace Tango.Evaluation;

/// <summary>
/// Per-query retrieval metrics from a (queries, k) "same label" matrix, with pytorch-metric-learning's exact
/// definitions (utils/accuracy_calculator.py). R is the query's relevant count; the relevance mask is the
/// first min(R, k) columns.
/// <list type="bullet">
/// <item>precision@1 = same[0].</item>
/// <item>R-precision = Σ_{t &lt; min(R,k)} same[t] / min(R, k).</item>
/// <item>MAP@R = (1/R) Σ_{t &lt; min(R,k)} same[t] · P@(t+1), with P@(t+1) = Σ_{u ≤ t} same[u] / (t + 1)
/// (Musgrave et al. 2020, "A Metric Learning Reality Check", eq. 2).</item>
/// <item>MAP = (1/R) Σ_{t &lt; k} same[t] · P@(t+1) (divided by R even when k &lt; R, as PML).</item>
/// <item>MRR = 1 / (1 + first t with same[t]), 0 if none within k.</item>
/// <item>precision@k = Σ_{t &lt; k} same[t] / k; recall@k = 1 if any same[t], t &lt; k (deep-metric-learning
/// Recall@K, Oh Song et al. 2016; it equals precision@1 at k = 1).</item>
/// </list>
/// </summary>
internal static class NeighborMetrics
{
    // same: (k) one query's row, relevant = R -> the value of metric for that query
    public static double Compute(AccuracyMetric metric, ReadOnlySpan<bool> same, int relevant) => metric switch
    {
        AccuracyMetric.PrecisionAt1 => same.Length > 0 && same[0] ? 1.0 : 0.0,
        AccuracyMetric.RPrecision => RPrecision(same, relevant),
        AccuracyMetric.MeanAveragePrecisionAtR => AveragePrecision(same[..Math.Min(relevant, same.Length)], relevant),
        AccuracyMetric.MeanAveragePrecision => AveragePrecision(same, relevant),
        AccuracyMetric.MeanReciprocalRank => ReciprocalRank(same),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a per-query neighbour metric."),
    };

    public static double PrecisionAt(ReadOnlySpan<bool> same, int k)
    {
        int hits = 0;
        for (int t = 0; t < Math.Min(k, same.Length); t++)
        {
            hits += same[t] ? 1 : 0;
        }

        return (double)hits / k;
    }

    public static double RecallAt(ReadOnlySpan<bool> same, int k) =>
        same[..Math.Min(k, same.Length)].Contains(true) ? 1.0 : 0.0;

    private static double RPrecision(ReadOnlySpan<bool> same, int relevant)
    {
        int r = Math.Min(relevant, same.Length);
        return r == 0 ? double.NaN : PrecisionAt(same, r);
    }

    private static double AveragePrecision(ReadOnlySpan<bool> same, int relevant)
    {
        double sum = 0;
        int hits = 0;
        for (int t = 0; t < same.Length; t++)
        {
            if (same[t])
            {
                hits++;
                sum += (double)hits / (t + 1);
            }
        }

        return sum / relevant;
    }

    private static double ReciprocalRank(ReadOnlySpan<bool> same)
    {
        int first = same.IndexOf(true);
        return first < 0 ? 0.0 : 1.0 / (first + 1);
    }
}
