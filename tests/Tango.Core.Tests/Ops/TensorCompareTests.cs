using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorCompareTests
{
    private static readonly (string Name, Func<Tensor, Tensor, Tensor> Tensor, Func<Tensor, float, Tensor> Scalar,
        Func<float, float, bool> Rule)[] Comparisons =
    [
        ("Gt", (a, b) => a.Gt(b), (a, s) => a.Gt(s), (a, b) => a > b),
        ("Ge", (a, b) => a.Ge(b), (a, s) => a.Ge(s), (a, b) => a >= b),
        ("Lt", (a, b) => a.Lt(b), (a, s) => a.Lt(s), (a, b) => a < b),
        ("Le", (a, b) => a.Le(b), (a, s) => a.Le(s), (a, b) => a <= b),
        ("Eq", (a, b) => a.Eq(b), (a, s) => a.Eq(s), (a, b) => a == b),
        ("Ne", (a, b) => a.Ne(b), (a, s) => a.Ne(s), (a, b) => a != b),
    ];

    [Fact]
    public void Masks_MatchNaiveLoops_WithBroadcastingAndTies()
    {
        // Small integers so equal values (ties) occur; a NaN checks that every comparison but Ne is false.
        var a = Round(SeededCases.Normal(7, 3, 4));
        a[1, 2] = float.NaN;
        var row = Round(SeededCases.Normal(8, 4));
        foreach (var (name, withTensor, withScalar, rule) in Comparisons)
        {
            var m = withTensor(a, row);
            var ms = withScalar(a, 0f);
            Assert.Equal([3, 4], m.Shape.ToArray());
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    Assert.True(m[i, j] == (rule(a[i, j], row[j]) ? 1f : 0f), $"{name} at ({i}, {j})");
                    Assert.True(ms[i, j] == (rule(a[i, j], 0f) ? 1f : 0f), $"{name} vs 0 at ({i}, {j})");
                }
            }
        }
    }

    [Fact]
    public void Masks_AreLeavesWithoutGradient()
    {
        var a = SeededCases.Normal(9, 2, 2);
        a.RequiresGrad = true;
        Assert.False(a.Gt(0f).RequiresGrad);
        Assert.False(a.Eq(a).RequiresGrad);
    }

    [Fact]
    public void IncompatibleShapes_NameOpAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 4).Lt(Tensor.Zeros(3)));
        Assert.Contains("Lt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 4)", ex.Message, StringComparison.Ordinal);
    }

    private static Tensor Round(Tensor x)
    {
        var s = x.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = MathF.Round(s[i]);
        }

        return x;
    }
}
