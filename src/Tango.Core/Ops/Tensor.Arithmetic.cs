using Tango.Core.Kernels;

namespace Tango.Core;

// Elementwise arithmetic with NumPy broadcasting. Each backward rule sits beside its forward; gradients of
// broadcast inputs are summed back to the input's shape in AccumulateGrad, the one place that does it.
public sealed partial class Tensor
{
    /// <summary>this + other, broadcasting.</summary>
    public Tensor Add(Tensor other) =>
        Broadcasting.Binary<AddOp>(this, other, "Add").Record("Add", [this, other], g =>
        {
            AccumulateGrad(g);
            other.AccumulateGrad(g);
        });

    /// <summary>this - other, broadcasting.</summary>
    public Tensor Sub(Tensor other) =>
        Broadcasting.Binary<SubOp>(this, other, "Sub").Record("Sub", [this, other], g =>
        {
            AccumulateGrad(g);
            if (other.RequiresGrad)
            {
                other.AccumulateGrad(g.Neg());
            }
        });

    /// <summary>this * other, broadcasting.</summary>
    public Tensor Mul(Tensor other) =>
        Broadcasting.Binary<MulOp>(this, other, "Mul").Record("Mul", [this, other], g =>
        {
            if (RequiresGrad)
            {
                AccumulateGrad(g.Mul(other));
            }

            if (other.RequiresGrad)
            {
                other.AccumulateGrad(g.Mul(this));
            }
        });

    /// <summary>this / other, broadcasting.</summary>
    public Tensor Div(Tensor other)
    {
        var y = Broadcasting.Binary<DivOp>(this, other, "Div");
        return y.Record("Div", [this, other], g =>
        {
            if (RequiresGrad)
            {
                AccumulateGrad(g.Div(other));
            }

            if (other.RequiresGrad)
            {
                // d(a/b)/db = -a/b^2 = -y/b
                other.AccumulateGrad(g.Mul(y).Div(other).Neg());
            }
        });
    }

    /// <summary>Elementwise maximum, broadcasting; at ties the gradient goes to this tensor.</summary>
    public Tensor Maximum(Tensor other) => Select<MaxOp>(other, "Maximum", (a, b) => a >= b);

    /// <summary>Elementwise minimum, broadcasting; at ties the gradient goes to this tensor.</summary>
    public Tensor Minimum(Tensor other) => Select<MinOp>(other, "Minimum", (a, b) => a <= b);

    private Tensor Select<TOp>(Tensor other, string op, Func<float, float, bool> takesThis) where TOp : IBinaryOp =>
        Broadcasting.Binary<TOp>(this, other, op).Record(op, [this, other], g =>
        {
            var a = Broadcasting.Binary<AddOp>(this, Zeros(other.Shape), op);
            var b = Broadcasting.Binary<AddOp>(other, Zeros(Shape), op);
            var ga = Uninitialized(g.Shape);
            var gb = Uninitialized(g.Shape);
            ReadOnlySpan<float> av = a.Span, bv = b.Span, gv = g.Span;
            Span<float> gav = ga.Span, gbv = gb.Span;
            for (int i = 0; i < gv.Length; i++)
            {
                bool first = takesThis(av[i], bv[i]);
                gav[i] = first ? gv[i] : 0f;
                gbv[i] = first ? 0f : gv[i];
            }

            AccumulateGrad(ga);
            other.AccumulateGrad(gb);
        });

    /// <summary>-this.</summary>
    public Tensor Neg()
    {
        var y = Uninitialized(Shape);
        System.Numerics.Tensors.TensorPrimitives.Negate(Span, y.Span);
        return y.Record("Neg", [this], g => AccumulateGrad(g.Neg()));
    }

    /// <summary>this + s.</summary>
    public Tensor Add(float s) => Add(Scalar(s));

    /// <summary>this * s.</summary>
    public Tensor Mul(float s) => Mul(Scalar(s));

#pragma warning disable CS1591 // operators mirror the named methods above
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator -(Tensor a) => a.Neg();

    public static Tensor operator +(Tensor a, float s) => a.Add(Scalar(s));

    public static Tensor operator +(float s, Tensor a) => Scalar(s).Add(a);

    public static Tensor operator -(Tensor a, float s) => a.Sub(Scalar(s));

    public static Tensor operator -(float s, Tensor a) => Scalar(s).Sub(a);

    public static Tensor operator *(Tensor a, float s) => a.Mul(Scalar(s));

    public static Tensor operator *(float s, Tensor a) => Scalar(s).Mul(a);

    public static Tensor operator /(Tensor a, float s) => a.Div(Scalar(s));

    public static Tensor operator /(float s, Tensor a) => Scalar(s).Div(a);
#pragma warning restore CS1591
}
