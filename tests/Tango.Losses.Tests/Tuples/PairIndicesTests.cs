namespace Tango.Losses.Tests.Tuples;

public class PairIndicesTests
{
    [Fact]
    public void AllFromListsRowMajorPairs()
    {
        var pairs = PairIndices.AllFrom([0, 1, 0]);
        Assert.Equal([0, 2], pairs.A1);
        Assert.Equal([2, 0], pairs.P);
        Assert.Equal([0, 1, 1, 2], pairs.A2);
        Assert.Equal([1, 0, 2, 1], pairs.N);
    }

    [Fact]
    public void AllFromReferenceKeepsSelfPairsUnlessExcluded()
    {
        var pairs = PairIndices.AllFrom([0, 1], [0, 1, 1], excludeSelf: false);
        Assert.Equal([0, 1, 1], pairs.A1);
        Assert.Equal([0, 1, 2], pairs.P);
        var excluded = PairIndices.AllFrom([0, 1], [0, 1, 1], excludeSelf: true);
        Assert.Equal([1], excluded.A1);
        Assert.Equal([2], excluded.P);
    }

    // PML's convert_to_triplets: torch.where(a1.unsqueeze(1) == a2) is positive-pair-major.
    [Fact]
    public void ToTriplletsJoinsPairsOfTheSameAnchorInPmlOrder()
    {
        var pairs = new PairIndices([0, 1, 0], [5, 6, 7], [1, 0, 0, 2], [8, 9, 10, 11]);
        var t = pairs.ToTriplets();
        Assert.Equal([0, 0, 1, 0, 0], t.A);
        Assert.Equal([5, 5, 6, 7, 7], t.P);
        Assert.Equal([9, 10, 8, 9, 10], t.N);
    }

    [Fact]
    public void ValidationNamesTheBadIndex()
    {
        var pairs = new PairIndices([0, 4], [1, 1], [], []);
        var ex = Assert.Throws<ArgumentException>(() => pairs.Validate(4, 4));
        Assert.Contains("index 4 at position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PairIndices([0], [], [], []));
    }

    [Fact]
    public void ElementWeightsCountOccurrences()
    {
        var pairs = new PairIndices([0, 0], [1, 2], [0], [3]);
        Assert.Equal([1f, 1f / 3, 1f / 3, 1f / 3], pairs.ElementWeights(4, usingReference: false));
        Assert.Equal([1f, 0f, 0f, 0f], pairs.ElementWeights(4, usingReference: true));
        Assert.Equal([1f, 1f], PairIndices.Empty.ElementWeights(2, false));
    }

    [Fact]
    public void EqualityComparesValues() =>
        Assert.Equal(new PairIndices([1], [2], [3], [4]), new PairIndices([1], [2], [3], [4]));
}
