using System.Numerics.Tensors;
using Tango.Search;

namespace Tango.Mining;

/// <summary>
/// Scores single (query, corpus row) pairs with one dot-product kernel, so equal vectors always get equal bits:
/// candidates, positives and duplicates of positives are compared on the same footing whatever index found them.
/// Cosine is q·x / (max(‖q‖, ε)·max(‖x‖, ε)) with ε = 1e-12, as the indexes define it.
/// </summary>
internal sealed class PairScorer
{
    private const float Eps = 1e-12f;
    private readonly VectorRows _queries;
    private readonly VectorRows _corpus;
    private readonly bool _cosine;

    public PairScorer(VectorRows queries, VectorRows corpus, MetricKind metric)
    {
        _queries = queries;
        _corpus = corpus;
        _cosine = metric == MetricKind.Cosine;
    }

    /// <summary>1 / max(‖q‖, ε) for cosine, else 1.</summary>
    public float QueryScale(int query) => _cosine ? InverseNorm(_queries.Row(query)) : 1f;

    public float Score(int query, float queryScale, int row)
    {
        var q = _queries.Row(query);
        var x = _corpus.Row(row);
        float dot = TensorPrimitives.Dot(q, x);
        float s = _cosine ? dot * queryScale * InverseNorm(x) : dot;
        if (!float.IsFinite(s))
        {
            throw new InvalidDataException(
                $"Hard-negative mining: the score of query row {query} and corpus row {row} is {s}; " +
                $"'{_queries.Name}' row {query} or '{_corpus.Name}' row {row} holds NaN, Inf or huge values.");
        }

        return s;
    }

    private static float InverseNorm(ReadOnlySpan<float> x) => 1f / MathF.Max(TensorPrimitives.Norm(x), Eps);
}
