using Tango.Core;

namespace Tango.NN.Tests.Activations;

public class L2NormalizeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(5, 1)]
    [InlineData(7, 13)]
    public void Rows_HaveUnitNorm_AndGradientsMatch(int rows, int cols)
    {
        var x = SeededCases.Normal(1, rows, cols).Add(0.05f);
        var y = new L2Normalize().Forward(x);
        for (int r = 0; r < rows; r++)
        {
            double norm = 0;
            for (int c = 0; c < cols; c++)
            {
                norm += y[r, c] * (double)y[r, c];
            }

            Tolerance.Close(1, Math.Sqrt(norm), 1e-6, 1e-6, $"row {r} norm");
        }

        GradCheck.Check(t => new L2Normalize().Forward(t[0]), [SeededCases.Normal(2, rows, cols).Add(0.05f)]);
    }

    [Fact]
    public void Axis0_NormalisesColumns()
    {
        var x = Tensor.FromArray([3f, 1f, 4f, 0f], 2, 2);
        Assert.Equal([0.6f, 1f, 0.8f, 0f], new L2Normalize(axis: 0).Forward(x).ToArray());
        GradCheck.Check(t => new L2Normalize(axis: 0).Forward(t[0]), [SeededCases.Normal(3, 4, 3)]);
    }

    [Fact]
    public void ZeroRow_StaysZero()
    {
        Assert.Equal([0f, 0f], new L2Normalize().Forward(Tensor.Zeros(1, 2)).ToArray());
    }
}
