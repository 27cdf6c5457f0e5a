using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorMatMulTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_GradientsMatchFiniteDifferences(bool transA, bool transB)
    {
        const int m = 3, k = 5, n = 4;
        var a = transA ? SeededCases.Normal(1, k, m) : SeededCases.Normal(1, m, k);
        var b = transB ? SeededCases.Normal(2, n, k) : SeededCases.Normal(2, k, n);
        GradCheck.Check(t => t[0].MatMul(t[1], transA, transB), [a, b]);
    }

    [Fact]
    public void MatMul_InnerMismatch_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 5)", ex.Message, StringComparison.Ordinal);
    }
}
