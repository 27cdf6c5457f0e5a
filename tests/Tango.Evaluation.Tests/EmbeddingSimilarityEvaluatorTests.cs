using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class EmbeddingSimilarityEvaluatorTests
{
    [Theory]
    [InlineData(SimilarityFunction.Cosine, "cosine")]
    [InlineData(SimilarityFunction.DotProduct, "dot")]
    [InlineData(SimilarityFunction.Euclidean, "euclidean")]
    [InlineData(SimilarityFunction.Manhattan, "manhattan")]
    public void MatchesSentenceTransformers(SimilarityFunction function, string name)
    {
        var st = StReference.Instance;
        var e = st.Evaluator("EmbeddingSimilarityEvaluator");
        var gold = e.GetProperty("gold").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var r = EmbeddingSimilarityEvaluator.Evaluate(st.A, st.P, gold, function);
        var m = e.GetProperty("metrics");
        Tolerance.Close(m.GetProperty($"pearson_{name}").GetDouble(), r.Pearson, 0, 1e-6, "pearson");
        Tolerance.Close(m.GetProperty($"spearman_{name}").GetDouble(), r.Spearman, 0, 1e-6, "spearman");
    }

    [Fact]
    public void BestOverFunctions_MatchesSentenceTransformersMax()
    {
        // pearson_max / spearman_max: the best of the four similarity functions.
        var st = StReference.Instance;
        var e = st.Evaluator("EmbeddingSimilarityEvaluator");
        var gold = e.GetProperty("gold").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var all = Enum.GetValues<SimilarityFunction>()
            .Select(f => EmbeddingSimilarityEvaluator.Evaluate(st.A, st.P, gold, f)).ToArray();
        var m = e.GetProperty("metrics");
        Tolerance.Close(m.GetProperty("pearson_max").GetDouble(), all.Max(r => r.Pearson), 0, 1e-6, "pearson max");
        Tolerance.Close(m.GetProperty("spearman_max").GetDouble(), all.Max(r => r.Spearman), 0, 1e-6, "spearman max");
    }

    [Fact]
    public void Ranks_AverageTies_AndPearsonOfALine()
    {
        Assert.Equal([2.5, 1, 2.5, 4], EmbeddingSimilarityEvaluator.Ranks([3, 1, 3, 9]));
        Assert.Equal(1.0, EmbeddingSimilarityEvaluator.Pearson([1, 2, 3], [10, 20, 30]), 12);
        Assert.Equal(-1.0, EmbeddingSimilarityEvaluator.Pearson([1, 2, 3], [3, 2, 1]), 12);
    }

    [Fact]
    public void TooFewPairs_Throws()
    {
        var st = StReference.Instance;
        Assert.Throws<ArgumentException>(() => EmbeddingSimilarityEvaluator.Evaluate(st.A, st.P, [1.0]));
    }
}
