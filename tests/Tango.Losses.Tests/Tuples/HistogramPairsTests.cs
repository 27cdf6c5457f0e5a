namespace Tango.Losses.Tests.Tuples;

public class HistogramPairsTests
{
    // PML's route: all triplets, then each (anchor, other) pair sorted and made unique.
    private static (HashSet<(int, int)> Pos, HashSet<(int, int)> Neg) FromTriplets(TripletIndices t)
    {
        var pos = new HashSet<(int, int)>();
        var neg = new HashSet<(int, int)>();
        for (int k = 0; k < t.Count; k++)
        {
            pos.Add((Math.Min(t.A[k], t.P[k]), Math.Max(t.A[k], t.P[k])));
            neg.Add((Math.Min(t.A[k], t.N[k]), Math.Max(t.A[k], t.N[k])));
        }

        return (pos, neg);
    }

    private static HashSet<(int, int)> Set((int[] Rows, int[] Cols) pairs) =>
        [.. pairs.Rows.Zip(pairs.Cols)];

    [Theory]
    [InlineData(new[] { 0, 1, 0, 2, 1, 0, 3, 1, 2, 4 })]
    [InlineData(new[] { 0, 0, 0 })]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 5, 5, 7 })]
    public void FromLabelsEqualsThePairsOfAllTriplets(int[] labels)
    {
        var (pos, neg) = HistogramPairs.FromLabels(labels);
        var expected = FromTriplets(TripletIndices.AllFrom(labels));
        Assert.True(expected.Pos.SetEquals(Set(pos)));
        Assert.True(expected.Neg.SetEquals(Set(neg)));
        Assert.Equal(pos.Rows.Length, Set(pos).Count);
    }

    [Fact]
    public void FromPairsEqualsThePairsOfTheirTriplets()
    {
        var pairs = new PairIndices([0, 0, 2, 3], [1, 4, 4, 1], [0, 2, 2, 5], [3, 3, 1, 0]);
        var (pos, neg) = HistogramPairs.FromTuples(pairs, 6);
        var expected = FromTriplets(pairs.ToTriplets());
        Assert.True(expected.Pos.SetEquals(Set(pos)));
        Assert.True(expected.Neg.SetEquals(Set(neg)));
        var fromTriplets = HistogramPairs.FromTuples(pairs.ToTriplets(), 6);
        Assert.Equal(pos.Rows, fromTriplets.Pos.Rows);
        Assert.Equal(pos.Cols, fromTriplets.Pos.Cols);
        Assert.Equal(neg.Rows, fromTriplets.Neg.Rows);
        Assert.Equal(neg.Cols, fromTriplets.Neg.Cols);
    }
}
