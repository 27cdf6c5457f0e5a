using Tango.Core;

namespace Tango.Evaluation.Tests;

public class TripletEvaluatorTests
{
    [Theory]
    [InlineData(SimilarityFunction.Cosine, "cosine", 0.0)]
    [InlineData(SimilarityFunction.DotProduct, "dot", 0.0)]
    [InlineData(SimilarityFunction.Euclidean, "euclidean", 0.0)]
    [InlineData(SimilarityFunction.Manhattan, "manhattan", 0.0)]
    public void MatchesSentenceTransformers(SimilarityFunction function, string name, double margin)
    {
        var st = StReference.Instance;
        double expected = st.Evaluator("TripletEvaluator").GetProperty("metrics").GetProperty($"{name}_accuracy")
            .GetDouble();
        Assert.Equal(expected, TripletEvaluator.Accuracy(st.A, st.P, st.N, function, margin), 12);
    }

    [Theory]
    [InlineData(SimilarityFunction.Cosine, "cosine")]
    [InlineData(SimilarityFunction.Euclidean, "euclidean")]
    public void WithMargins_MatchesSentenceTransformers(SimilarityFunction function, string name)
    {
        var e = StReference.Instance.Evaluator("TripletEvaluator_margin");
        double margin = e.GetProperty("margin").GetProperty(name).GetDouble();
        double expected = e.GetProperty("metrics").GetProperty($"{name}_accuracy").GetDouble();
        var st = StReference.Instance;
        Assert.Equal(expected, TripletEvaluator.Accuracy(st.A, st.P, st.N, function, margin), 12);
    }

    [Fact]
    public void BestOverFunctions_MatchesSentenceTransformersMaxAccuracy()
    {
        var st = StReference.Instance;
        double best = Enum.GetValues<SimilarityFunction>().Max(f => TripletEvaluator.Accuracy(st.A, st.P, st.N, f));
        Assert.Equal(st.Evaluator("TripletEvaluator").GetProperty("metrics").GetProperty("max_accuracy").GetDouble(),
            best, 12);
        var e = st.Evaluator("TripletEvaluator_margin");
        var margin = e.GetProperty("margin");
        double bestWithMargins = Math.Max(
            TripletEvaluator.Accuracy(st.A, st.P, st.N, SimilarityFunction.Cosine,
                margin.GetProperty("cosine").GetDouble()),
            TripletEvaluator.Accuracy(st.A, st.P, st.N, SimilarityFunction.Euclidean,
                margin.GetProperty("euclidean").GetDouble()));
        Assert.Equal(e.GetProperty("metrics").GetProperty("max_accuracy").GetDouble(), bestWithMargins, 12);
    }

    [Fact]
    public void EuclideanMeansCloserPositive_AndShapeMismatchThrows()
    {
        var a = Tensor.FromArray([0f, 0f], 1, 2);
        var p = Tensor.FromArray([1f, 0f], 1, 2);
        var n = Tensor.FromArray([3f, 0f], 1, 2);
        Assert.Equal(1.0, TripletEvaluator.Accuracy(a, p, n, SimilarityFunction.Euclidean));
        Assert.Equal(0.0, TripletEvaluator.Accuracy(a, p, n, SimilarityFunction.Euclidean, margin: 2.5));
        Assert.Equal(0.0, TripletEvaluator.Accuracy(a, n, p, SimilarityFunction.Manhattan));
        Assert.Throws<ArgumentException>(() => TripletEvaluator.Accuracy(a, Tensor.Zeros(2, 2), n));
    }
}
