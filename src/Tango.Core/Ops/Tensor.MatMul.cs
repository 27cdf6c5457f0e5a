using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product op(this)·op(other) of rank-2 tensors, where op transposes when the flag is set
    /// (no transposed copy is made).
    /// </summary>
    // a: (m, k) or (k, m) if transA; b: (k, n) or (n, k) if transB -> y: (m, n)
    public Tensor MatMul(Tensor other, bool transA = false, bool transB = false)
    {
        Shapes.RequireRank(this, 2, "MatMul");
        Shapes.RequireRank(other, 2, "MatMul");
        int m = transA ? Dim(1) : Dim(0), k = transA ? Dim(0) : Dim(1);
        int kb = transB ? other.Dim(1) : other.Dim(0), n = transB ? other.Dim(0) : other.Dim(1);
        if (k != kb)
        {
            throw new ArgumentException(
                $"MatMul: inner dimensions differ: {ShapeString}{(transA ? "ᵀ" : "")} · " +
                $"{other.ShapeString}{(transB ? "ᵀ" : "")} ({k} vs {kb}).");
        }

        var y = Uninitialized([m, n]);
        Gemm.Sgemm(transA, transB, m, n, k, 1f, Span, Dim(1), other.Span, other.Dim(1), 0f, y.Span, n);
        return y.Record("MatMul", [this, other], g => MatMulBackward(other, g, transA, transB));
    }

    // dC = g: (m, n). d op(A) = dC·op(B)ᵀ; d op(B) = op(A)ᵀ·dC; a transposed operand's gradient is transposed back.
    private void MatMulBackward(Tensor b, Tensor g, bool transA, bool transB)
    {
        if (RequiresGrad)
        {
            AccumulateGrad(transA ? b.MatMul(g, transA: transB, transB: true) : g.MatMul(b, transB: !transB));
        }

        if (b.RequiresGrad)
        {
            b.AccumulateGrad(transB ? g.MatMul(this, transA: true, transB: transA) : MatMul(g, transA: !transA));
        }
    }
}
