namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>Same elements, new shape (one extent may be -1 to infer it). Copies the data.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var s = (int[])shape.Clone();
        int infer = Array.IndexOf(s, -1);
        if (infer >= 0)
        {
            int known = 1;
            for (int i = 0; i < s.Length; i++)
            {
                known *= i == infer ? 1 : s[i];
            }

            s[infer] = known == 0 ? 0 : Size / known;
        }

        Shapes.Validate(s);
        if (Shapes.SizeOf(s) != Size)
        {
            throw new ArgumentException($"Reshape: cannot view shape {ShapeString} ({Size} elements) as {Shapes.Format(shape)}.");
        }

        var y = Uninitialized(s);
        Span.CopyTo(y.Span);
        var original = _shape;
        return y.Record("Reshape", [this], g => AccumulateGrad(g.Reshape(original)));
    }

    /// <summary>The transpose of a rank-2 tensor, or of the last two axes of a higher-rank one.</summary>
    // x: (..., r, c) -> y: (..., c, r)
    public Tensor Transpose()
    {
        if (Rank < 2)
        {
            throw new ArgumentException($"Transpose needs rank 2 or more; got shape {ShapeString}.");
        }

        var s = (int[])_shape.Clone();
        int r = s[^2], c = s[^1];
        (s[^2], s[^1]) = (c, r);
        var y = Uninitialized(s);
        int batches = Size / Math.Max(1, r * c);
        for (int b = 0; b < batches; b++)
        {
            Kernels.Transposition.Transpose(Span.Slice(b * r * c, r * c), y.Span.Slice(b * r * c, r * c), r, c);
        }

        return y.Record("Transpose", [this], g => AccumulateGrad(g.Transpose()));
    }

    /// <summary>Shorthand for <see cref="Transpose"/>.</summary>
    public Tensor T => Transpose();
}
