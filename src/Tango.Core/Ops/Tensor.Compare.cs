using Tango.Core.Kernels;

namespace Tango.Core;

// Comparisons produce float masks (1 where true, 0 where false) with NumPy broadcasting. Masks carry no
// gradient: the result is a new leaf even when an input requires a gradient.
public sealed partial class Tensor
{
    /// <summary>1 where x &gt; other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Gt(Tensor other) => Broadcasting.Binary<GtOp>(this, other, "Gt");

    /// <summary>1 where x &gt; s, else 0 (no gradient).</summary>
    public Tensor Gt(float s) => CompareScalar<GtOp>(s);

    /// <summary>1 where x ≥ other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Ge(Tensor other) => Broadcasting.Binary<GeOp>(this, other, "Ge");

    /// <summary>1 where x ≥ s, else 0 (no gradient).</summary>
    public Tensor Ge(float s) => CompareScalar<GeOp>(s);

    /// <summary>1 where x &lt; other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Lt(Tensor other) => Broadcasting.Binary<LtOp>(this, other, "Lt");

    /// <summary>1 where x &lt; s, else 0 (no gradient).</summary>
    public Tensor Lt(float s) => CompareScalar<LtOp>(s);

    /// <summary>1 where x ≤ other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Le(Tensor other) => Broadcasting.Binary<LeOp>(this, other, "Le");

    /// <summary>1 where x ≤ s, else 0 (no gradient).</summary>
    public Tensor Le(float s) => CompareScalar<LeOp>(s);

    /// <summary>1 where x = other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Eq(Tensor other) => Broadcasting.Binary<EqOp>(this, other, "Eq");

    /// <summary>1 where x = s, else 0 (no gradient).</summary>
    public Tensor Eq(float s) => CompareScalar<EqOp>(s);

    /// <summary>1 where x ≠ other, else 0 (broadcasting; no gradient).</summary>
    public Tensor Ne(Tensor other) => Broadcasting.Binary<NeOp>(this, other, "Ne");

    /// <summary>1 where x ≠ s, else 0 (no gradient).</summary>
    public Tensor Ne(float s) => CompareScalar<NeOp>(s);

    private Tensor CompareScalar<TOp>(float s) where TOp : IBinaryOp
    {
        var y = Uninitialized(Shape);
        TOp.Apply(Span, s, y.Span);
        return y;
    }
}
