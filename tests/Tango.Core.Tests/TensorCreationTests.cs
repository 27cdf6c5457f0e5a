using Tango.Core;

namespace Tango.Core.Tests;

public class TensorCreationTests
{
    [Fact]
    public void Creation_FillsAsDocumented()
    {
        Assert.Equal(new float[6], Tensor.Zeros(2, 3).ToArray());
        Assert.Equal([1f, 1f], Tensor.Ones(2).ToArray());
        Assert.Equal([2.5f, 2.5f, 2.5f], Tensor.Full(2.5f, 3).ToArray());
        Assert.Equal([0f, 0.5f, 1f, 1.5f], Tensor.Arange(0, 2, 0.5f).ToArray());
        Assert.Equal([3f, 2f], Tensor.Arange(3, 1, -1).ToArray());
        Assert.Empty(Tensor.Arange(1, 1).ToArray());
        Assert.Equal(0, Tensor.Scalar(4f).Rank);
        Assert.Equal(4f, Tensor.Scalar(4f).Item());
    }

    [Fact]
    public void FromArray_CopiesAndChecksSize()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        var t = Tensor.FromArray(data, 2, 3);
        data[0] = 99;
        Assert.Equal(1f, t[0, 0]);
        Assert.Equal(6f, t[1, 2]);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray(data, 4, 2));
        Assert.Contains("(4, 2)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new float[,] { { 1, 2 }, { 3, 4 } }, Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }).ToArray2D());
    }

    [Fact]
    public void ShapeChecks_GiveClearMessages()
    {
        Assert.Contains("Rank 5", Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 1, 1, 1, 1)).Message,
            StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1)).Message,
            StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3)[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Dim(2));
        Assert.Equal(3, Tensor.Zeros(2, 3).Dim(-1));
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item());
    }

    [Fact]
    public void SeededRandom_IsReproducibleWithMatchingMoments()
    {
        var a = Tensor.RandomNormal(new Rng(9), 100, 100, mean: 1f, std: 2f);
        var b = Tensor.RandomNormal(new Rng(9), 100, 100, mean: 1f, std: 2f);
        Assert.Equal(a.ToArray(), b.ToArray());
        double mean = a.ToArray().Average();
        double var = a.ToArray().Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, 0.95, 1.05);
        Assert.InRange(Math.Sqrt(var), 1.95, 2.05);
        var u = Tensor.RandomUniform(new Rng(9), [1000], -2f, 3f);
        Assert.All(u.ToArray(), v => Assert.InRange(v, -2f, 3f));
    }
}
