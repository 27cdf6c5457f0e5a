namespace Tango.Data.Tests;

public class SplitsTests
{
    private static int[] Labels(params int[] counts) =>
        counts.SelectMany((n, c) => Enumerable.Repeat(c, n)).ToArray();

    // A fixed shuffle of the labels so that classes are interleaved.
    private static int[] Interleaved(params int[] counts)
    {
        var y = Labels(counts);
        new Core.Rng(99).Shuffle(y.AsSpan());
        return y;
    }

    [Fact]
    public void ClassDisjoint_PartitionsByClass()
    {
        var y = EmbeddedDatasets.Mnist10k().Labels;
        var (train, test) = Splits.ClassDisjoint(y, new HashSet<int> { 0, 1, 2, 3, 4 });
        Assert.Equal(1001 + 1127 + 991 + 1032 + 980, train.Length);
        Assert.Equal(10000, train.Length + test.Length);
        Assert.All(train, r => Assert.InRange(y[r], 0, 4));
        Assert.All(test, r => Assert.InRange(y[r], 5, 9));
        Assert.Equal(train.Order(), train);
        Assert.Empty(train.Intersect(test));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void Stratified_ProportionsPerClass(double fraction)
    {
        int[] counts = [40, 17, 23, 100];
        var y = Interleaved(counts);
        var (train, test) = Splits.Stratified(y, fraction, seed: 5);
        int total = (int)Math.Round(y.Length * fraction, MidpointRounding.AwayFromZero);
        Assert.Equal(total, test.Length);
        Assert.Equal(Enumerable.Range(0, y.Length), train.Concat(test).Order());
        for (int c = 0; c < counts.Length; c++)
        {
            int inTest = test.Count(r => y[r] == c);
            double share = (double)counts[c] * total / y.Length;
            Assert.InRange(inTest, Math.Floor(share), Math.Ceiling(share));
        }
    }

    [Fact]
    public void Stratified_DeterministicPerSeed()
    {
        var y = Interleaved(30, 30, 30);
        var a = Splits.Stratified(y, 0.3, 1);
        var b = Splits.Stratified(y, 0.3, 1);
        var c = Splits.Stratified(y, 0.3, 2);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Stratified_BadFraction_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified([0, 1], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified([0, 1], 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified([0, 1], double.NaN, 1));
    }

    [Fact]
    public void StratifiedKFold_FoldsPartitionAndBalance()
    {
        int[] counts = [13, 7, 22];
        var y = Interleaved(counts);
        var folds = Splits.StratifiedKFold(y, 5, seed: 3);
        Assert.Equal(5, folds.Length);
        Assert.Equal(Enumerable.Range(0, y.Length), folds.SelectMany(f => f.Test).Order());
        foreach (var (train, test) in folds)
        {
            Assert.Empty(train.Intersect(test));
            Assert.Equal(y.Length, train.Length + test.Length);
            Assert.InRange(test.Length, y.Length / 5, y.Length / 5 + 1);
            for (int c = 0; c < counts.Length; c++)
            {
                Assert.InRange(test.Count(r => y[r] == c), counts[c] / 5, counts[c] / 5 + 1);
            }
        }

        Assert.Equal(folds[2].Test, Splits.StratifiedKFold(y, 5, seed: 3)[2].Test);
        Assert.NotEqual(folds[2].Test, Splits.StratifiedKFold(y, 5, seed: 4)[2].Test);
    }
}
