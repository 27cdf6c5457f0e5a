using Tango.Search;

namespace Tango.Mining.Tests;

/// <summary>Bad inputs get one clear message naming what is wrong.</summary>
public class ValidationTests
{
    private static readonly float[][] Scores = [[0.5f, 0.25f, 0.125f], [0.5f, 0.25f, 0.125f]];

    private static string Fails(Action action) => Assert.ThrowsAny<Exception>(action).Message;

    [Fact]
    public void DimensionMismatch_NamesBothSides()
    {
        var (_, c, index) = Hand.Build(Scores);
        var q = VectorRows.FromArray(new float[3], 1, 3, "q.npy");
        string message = Fails(() => new HardNegativeMiner(new()).Mine(q, c, index, [[0]]));
        Assert.Contains("q.npy", message, StringComparison.Ordinal);
        Assert.Contains("dimension 3", message, StringComparison.Ordinal);
        Assert.Contains("dimension 2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositiveOutOfRange_NamesQueryAndRow()
    {
        var (q, c, index) = Hand.Build(Scores);
        string message = Fails(() => new HardNegativeMiner(new()).Mine(q, c, index, [[0], [3]]));
        Assert.Contains("query 1", message, StringComparison.Ordinal);
        Assert.Contains("row 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositiveListCount_MustMatchQueries()
    {
        var (q, c, index) = Hand.Build(Scores);
        Assert.Contains("1 positive lists were given for 2 queries",
            Fails(() => new HardNegativeMiner(new()).Mine(q, c, index, [[0]])), StringComparison.Ordinal);
    }

    [Fact]
    public void DistanceMetric_IsRejected()
    {
        var (q, c, _) = Hand.Build(Scores);
        var l2 = CandidateIndexes.Flat(c, MetricKind.SquaredL2);
        Assert.Contains("SquaredL2", Fails(() => new HardNegativeMiner(new()).Mine(q, c, l2, [[0], [1]])),
            StringComparison.Ordinal);
    }

    [Fact]
    public void IndexNotOverTheCorpus_IsRejected()
    {
        var (q, c, _) = Hand.Build(Scores);
        var other = CandidateIndexes.Flat(VectorRows.FromArray(new float[2], 1, 2), MetricKind.InnerProduct);
        Assert.Contains("the index holds 1 vectors",
            Fails(() => new HardNegativeMiner(new()).Mine(q, c, other, [[0], [1]])), StringComparison.Ordinal);
    }

    [Fact]
    public void GuideShapes_AreChecked()
    {
        var (q, c, index) = Hand.Build(Scores);
        var guide = new GuideEmbeddings(VectorRows.FromArray(new float[4], 1, 4, "gq"), c);
        Assert.Contains("'gq'", Fails(() => new HardNegativeMiner(new()).Mine(q, c, index, [[0], [1]], guide)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteEmbedding_NamesTheRow()
    {
        var (_, c, index) = Hand.Build(Scores);
        var q = VectorRows.FromArray([1f, 0f, float.NaN, 1f], 2, 2, "q.npy");
        string message = Fails(() => new HardNegativeMiner(new()).Mine(q, c, index, [[0], [1]]));
        Assert.Contains("query row 1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 5, "NumNegatives")]
    [InlineData(1, -1, 5, "RangeMin")]
    [InlineData(1, 5, 5, "RangeMax")]
    public void BadOptions_AreRejected(int numNegatives, int rangeMin, int rangeMax, string name)
    {
        var options = new HardNegativeMiningOptions
        {
            NumNegatives = numNegatives, RangeMin = rangeMin, RangeMax = rangeMax,
        };
        Assert.Contains(name, Assert.Throws<ArgumentException>(() => new HardNegativeMiner(options)).Message,
            StringComparison.Ordinal);
        Assert.Contains("Margin", Assert.Throws<ArgumentException>(() =>
            new HardNegativeMiner(new() { Margin = float.NaN })).Message, StringComparison.Ordinal);
    }
}
