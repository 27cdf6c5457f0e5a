using Tango.Core.Autograd;
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

    /// <summary>Records an elementwise op on this input whose gradient needs only x, y and g position by position.</summary>
    internal Tensor RecordElementwise(string op, Tensor y, ElementwiseGrad rule) =>
        y.Record(op, [this], g =>
        {
            var dx = Uninitialized(Shape);
            rule(Span, y.Span, g.Span, dx.Span);
            AccumulateGrad(dx);
        });

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
        return RecordElementwise("Relu", y, static (xs, _, gs, dx) =>
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] > 0 ? gs[i] : 0f;
            }
        });
    }
}
