using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements, as a rank-0 tensor.</summary>
    public Tensor Sum()
    {
        var y = Scalar(Reductions.Sum(Span));
        return y.Record("Sum", [this], g => AccumulateGrad(Full(g.Span[0], Shape)));
    }

    /// <summary>Sum over <paramref name="axis"/>; keeps it as extent 1 when <paramref name="keepDim"/>.</summary>
    // x: (..., n, ...) -> y: (..., [1], ...)
    public Tensor Sum(int axis, bool keepDim = false)
    {
        int ax = Shapes.NormalizeAxis(axis, Rank);
        var (outer, n, inner) = Reductions.Split(Shape, ax);
        var keptShape = ReducedShape(ax, keepDim: true);
        var y = Uninitialized(keepDim ? keptShape : ReducedShape(ax, keepDim: false));
        Reductions.SumAxis(Span, y.Span, outer, n, inner);
        return y.Record("SumAxis", [this], g => AccumulateGrad(g.Reshape(keptShape).Add(Zeros(Shape))));
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Sum().Mul(1f / Math.Max(1, Size));

    /// <summary>Mean over <paramref name="axis"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) =>
        Sum(axis, keepDim).Mul(1f / Math.Max(1, Dim(axis)));

    /// <summary>
    /// Variance along <paramref name="axis"/>, two-pass: Σ(x − mean)² / (n − 1) when <paramref name="unbiased"/>
    /// (PyTorch's default), else / n. NaN when the divisor is 0.
    /// </summary>
    public Tensor Var(int axis, bool unbiased = true, bool keepDim = false)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, "Var");
        return Sub(Mean(ax, keepDim: true)).Square().Sum(ax, keepDim).Mul(InverseDivisor(Dim(ax), unbiased));
    }

    /// <summary>Variance of all elements (see <see cref="Var(int, bool, bool)"/>), as a rank-0 tensor.</summary>
    public Tensor Var(bool unbiased = true) =>
        Sub(Mean()).Square().Sum().Mul(InverseDivisor(Size, unbiased));

    private static float InverseDivisor(int n, bool unbiased)
    {
        int d = unbiased ? n - 1 : n;
        return d > 0 ? 1f / d : float.NaN;
    }

    /// <summary>The shape with <paramref name="axis"/> removed, or set to 1.</summary>
    internal int[] ReducedShape(int axis, bool keepDim)
    {
        var list = new List<int>(_shape);
        if (keepDim)
        {
            list[axis] = 1;
        }
        else
        {
            list.RemoveAt(axis);
        }

        return [.. list];
    }
}
