using Tango.Core.Kernels;

namespace Tango.Core;

// Elementwise functions. Forward through an IUnaryOp kernel; the backward rule sits beside it.
public sealed partial class Tensor
{
    /// <summary>Applies a unary kernel into a new tensor (no graph).</summary>
    internal Tensor Map<TOp>() where TOp : IUnaryOp
    {
        var y = Uninitialized(Shape);
        TOp.Apply(Span, y.Span);
        return y;
    }

    /// <summary>e^x. dy/dx = y.</summary>
    public Tensor Exp()
    {
        var y = Map<ExpOp>();
        return y.Record("Exp", [this], g => AccumulateGrad(g.Mul(y)));
    }

    /// <summary>max(x, 0). dy/dx = 1 where x &gt; 0.</summary>
    public Tensor Relu()
    {
        var y = Map<ReluOp>();
        return y.Record("Relu", [this], g =>
        {
            var d = Uninitialized(Shape);
            ReadOnlySpan<float> xv = Span, gv = g.Span;
            Span<float> dv = d.Span;
            for (int i = 0; i < dv.Length; i++)
            {
                dv[i] = xv[i] > 0 ? gv[i] : 0f;
            }

            AccumulateGrad(d);
        });
    }
}
