using Tango.Losses.Miners;

namespace Tango.Losses.Tests.Miners;

public class EmbeddingsAlreadyPackagedAsTripletsTests
{
    [Fact]
    public void ReturnsConsecutiveTriplets()
    {
        var t = new EmbeddingsAlreadyPackagedAsTriplets().Mine(SeededCases.Normal(1, 9, 2), new int[9]);
        Assert.Equal([0, 3, 6], t.A);
        Assert.Equal([1, 4, 7], t.P);
        Assert.Equal([2, 5, 8], t.N);
    }

    // PML's reference run fails here (batch 32): an AssertionError. Ours names the problem.
    [Fact]
    public void RejectsABatchThatIsNotWholeTriplets()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new EmbeddingsAlreadyPackagedAsTriplets().Mine(SeededCases.Normal(1, 32, 2), new int[32]));
        Assert.Contains("32 rows", ex.Message, StringComparison.Ordinal);
    }
}
