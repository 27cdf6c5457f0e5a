using Tango.Core;

namespace Tango.Evaluation;

/// <summary>
/// sentence-transformers' <c>EmbeddingSimilarityEvaluator</c>: how well the similarity of each pair (a_i, b_i)
/// tracks a gold score (e.g. STS-B), by Pearson's r = cov(s, g) / (σ_s σ_g) and Spearman's ρ = Pearson's r of
/// the ranks (ties get their average rank, as scipy.stats.spearmanr). Distances enter negated (see
/// <see cref="SimilarityFunction"/>), so a good embedding correlates positively for every function.
/// </summary>
public static class EmbeddingSimilarityEvaluator
{
    /// <summary>Evaluates pairs of rows of two (n, d) matrices against n gold scores.</summary>
    public static SimilarityReport Evaluate(Tensor embeddings1, Tensor embeddings2, double[] gold,
        SimilarityFunction function = SimilarityFunction.Cosine)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var s = PairwiseSimilarity.Compute(function, embeddings1, embeddings2, "EmbeddingSimilarityEvaluator");
        if (gold.Length != s.Length || s.Length < 2)
        {
            throw new ArgumentException($"EmbeddingSimilarityEvaluator: need one gold score per pair and at least " +
                                        $"2 pairs ({s.Length} pairs, {gold.Length} scores).", nameof(gold));
        }

        return new SimilarityReport(function, Pearson(s, gold), Pearson(Ranks(s), Ranks(gold)));
    }

    internal static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    // 1-based ranks; a run of equal values gets the mean of its positions.
    internal static double[] Ranks(double[] x)
    {
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        var ranks = new double[x.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && x[order[end + 1]] == x[order[start]])
            {
                end++;
            }

            for (int t = start; t <= end; t++)
            {
                ranks[order[t]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        return ranks;
    }
}
