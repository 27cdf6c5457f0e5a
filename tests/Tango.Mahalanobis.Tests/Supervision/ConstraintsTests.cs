namespace Tango.Mahalanobis.Tests;

public class ConstraintsTests
{
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 1, 1, 2, 2, -1, 2, 0];

    [Fact]
    public void PositiveNegativePairs_FollowTheLabels()
    {
        var pairs = Constraints.PositiveNegativePairs(Labels, 15, seed: 7);
        var (first, second, labels) = (pairs.First, pairs.Second, pairs.Labels!);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.True(Labels[first[i]] >= 0 && Labels[second[i]] >= 0, "unknown labels are never used");
            Assert.NotEqual(first[i], second[i]);
            Assert.Equal(labels[i] == 1, Labels[first[i]] == Labels[second[i]]);
            Assert.True(seen.Add((first[i], second[i] * labels[i])), $"pair ({first[i]}, {second[i]}) repeats");
        }

        Assert.Equal(15, labels.Count(l => l == 1));
        Assert.Equal(15, labels.Count(l => l == -1));
        // Positive pairs come first, as metric-learn's wrap_pairs orders them.
        Assert.True(labels.Take(15).All(l => l == 1));
    }

    [Fact]
    public void Pairs_AreDeterministicUnderASeed()
    {
        var a = Constraints.PositiveNegativePairs(Labels, 10, 3);
        var b = Constraints.PositiveNegativePairs(Labels, 10, 3);
        var c = Constraints.PositiveNegativePairs(Labels, 10, 4);
        Assert.Equal(a.First, b.First);
        Assert.Equal(a.Second, b.Second);
        Assert.False(a.First.SequenceEqual(c.First) && a.Second.SequenceEqual(c.Second));
    }

    [Fact]
    public void TooManyRequested_ReturnsTheDistinctOnesThatExist()
    {
        // Class 0 has 4 known members: 12 ordered similar pairs; class 1 has 4 -> 12; class 2 has 3 -> 6.
        var pairs = Constraints.PositiveNegativePairs(Labels, 1000, 1);
        Assert.InRange(pairs.Labels!.Count(l => l == 1), 20, 30);
    }

    [Fact]
    public void SameLength_TruncatesToTheShorterKind()
    {
        var pairs = Constraints.PositiveNegativePairs([0, 0, 1, 1, 1], 10, 2, sameLength: true);
        Assert.Equal(pairs.Labels!.Count(l => l == 1), pairs.Labels!.Count(l => l == -1));
        var q = Constraints.Quadruplets([0, 0, 1, 1, 1], 10, 2);
        Assert.Equal(pairs.Count / 2, q.Count);
    }

    [Fact]
    public void Chunks_HoldSameClassRowsOnce()
    {
        var chunks = Constraints.Chunks(Labels, 4, 2, seed: 5);
        var ids = chunks.Assignment;
        Assert.Equal(4, chunks.Count);
        for (int c = 0; c < 4; c++)
        {
            var rows = Enumerable.Range(0, ids.Length).Where(i => ids[i] == c).ToArray();
            Assert.Equal(2, rows.Length);
            Assert.Equal(Labels[rows[0]], Labels[rows[1]]);
            Assert.True(Labels[rows[0]] >= 0);
        }
    }

    [Fact]
    public void Chunks_TooMany_SaysTheMaximum()
    {
        var ex = Assert.Throws<ArgumentException>(() => Constraints.Chunks(Labels, 6, 2, 0));
        Assert.Contains("at most 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomTriplets_HaveTheRightLabels()
    {
        var t = Constraints.RandomTriplets(Labels, 50, 9);
        for (int i = 0; i < t.Count; i++)
        {
            Assert.Equal(Labels[t.Anchor[i]], Labels[t.Positive[i]]);
            Assert.NotEqual(t.Anchor[i], t.Positive[i]);
            Assert.NotEqual(Labels[t.Anchor[i]], Labels[t.Negative[i]]);
            Assert.True(Labels[t.Negative[i]] >= 0);
        }
    }

    // Same count as metric-learn's generate_knntriplets on iris and digits; each genuine neighbour is among the
    // k nearest same-class points and each impostor among the k nearest other-class points (ties may be broken
    // differently from scikit-learn's KD-tree, so the exact order is not compared).
    [Theory]
    [InlineData("iris")]
    [InlineData("digits")]
    public void KnnTriplets_AreNearestNeighbours(string dataset)
    {
        var (x, y) = Datasets.Get(dataset);
        var t = Constraints.KnnTriplets(x, y, 3, 10);
        var reference = Reference.Run(dataset, "SCML_Supervised");
        Assert.Equal(reference.Constraints.GetProperty("n_triplets").GetInt32(), t.Count);
        int d = x.GetLength(1);
        double Dist(int a, int b) => Enumerable.Range(0, d).Sum(k => (x[a, k] - x[b, k]) * (x[a, k] - x[b, k]));
        for (int i = 0; i < t.Count; i += 97)
        {
            int a = t.Anchor[i];
            var same = Enumerable.Range(0, y.Length).Where(j => j != a && y[j] == y[a]).Select(j => Dist(a, j)).Order()
                .ToArray();
            var other = Enumerable.Range(0, y.Length).Where(j => y[j] != y[a]).Select(j => Dist(a, j)).Order().ToArray();
            Assert.True(Dist(a, t.Positive[i]) <= same[2], "genuine beyond the 3rd nearest same-class distance");
            Assert.True(Dist(a, t.Negative[i]) <= other[9], "impostor beyond the 10th nearest other-class distance");
        }
    }
}
