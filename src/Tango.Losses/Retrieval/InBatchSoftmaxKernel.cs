using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;
using Tango.Core.Autograd;
using Tango.Core.Kernels;

namespace Tango.Losses.Retrieval;

/// <summary>
/// The in-batch-negatives softmax cross-entropy as one fused op: L = (1/n) Σ_i [log Σ_{j kept} e^{s·â_i·ĉ_j} −
/// s·â_i·ĉ_i], where row i's target is candidate i. The (n × m) score matrix is never held whole: anchors are taken
/// in blocks of rows (as many as fit <see cref="BlockFloats"/> scores, at least <see cref="MinBlockRows"/>), and for
/// each block one GEMM gives the scores, the row softmax P turns
/// into the score gradient G = (P − Y)/n in place, and two more GEMMs add dÂ = s·G·Ĉ and dĈ += s·Gᵀ·Â_block. The
/// loss and its gradient therefore cost three GEMMs and O(block·m + (n + m)·d) memory; the backward pass only
/// scales the stored gradient by the upstream one and runs the normalisation's backward.
/// </summary>
internal static class InBatchSoftmaxKernel
{
    /// <summary>Scores one block may hold (32 MiB: the whole matrix up to batch ~2,900 with one negative).</summary>
    public const int BlockFloats = 1 << 23;

    /// <summary>
    /// The fewest anchor rows per block (a thinner block makes the dĈ update a low-rank, memory-bound GEMM).
    /// </summary>
    public const int MinBlockRows = 128;

    /// <summary>
    /// The loss; candidate j ≠ i is left out of row i when <paramref name="ids"/> is given and ids[j] = ids[i]
    /// (a duplicate of row i's positive is not a negative).
    /// </summary>
    // anchors: (n, d), candidates: (m, d) with m ≥ n, ids: (m) or null -> rank 0
    public static Tensor Loss(Tensor anchors, Tensor candidates, float scale, bool normalize, int[]? ids,
        int? blockRows = null)
    {
        int n = anchors.Dim(0), d = anchors.Dim(1), m = candidates.Dim(0);
        if (n == 0)
        {
            return Columns.Zero([anchors, candidates]);
        }

        bool grad = GradMode.IsEnabled && (anchors.RequiresGrad || candidates.RequiresGrad);
        var (a, aNorms) = Prepare(anchors, normalize);
        var (c, cNorms) = Prepare(candidates, normalize);
        var dA = grad ? new float[n * d] : null;
        var dC = grad ? new float[m * d] : null;
        int block = Math.Min(n, Math.Max(1, blockRows ?? Math.Max(MinBlockRows, BlockFloats / Math.Max(m, 1))));
        // Not pooled: a block can be 32 MiB, and a pool would keep it alive after the loss (GradCache's encoder
        // passes would then pay for it too).
        var s = GC.AllocateUninitializedArray<float>(block * m);
        double total = 0;
        for (int r0 = 0; r0 < n; r0 += block)
        {
            int rows = Math.Min(block, n - r0);
            Gemm.Sgemm(false, true, rows, m, d, scale, a.AsSpan(r0 * d, rows * d), d, c, d, 0f, s, m);
            for (int r = 0; r < rows; r++)
            {
                total += RowLoss(s.AsSpan(r * m, m), r0 + r, ids, grad, 1f / n);
            }

            if (grad)
            {
                Gemm.Sgemm(false, false, rows, d, m, scale, s, m, c, d, 0f, dA.AsSpan(r0 * d, rows * d), d);
                Gemm.Sgemm(true, false, m, d, rows, scale, s, m, a.AsSpan(r0 * d, rows * d), d, 1f, dC, d);
            }
        }

        var y = Tensor.Scalar((float)(total / n));
        if (!grad)
        {
            return y;
        }

        return y.Record("InBatchSoftmax", [anchors, candidates], g =>
        {
            float gs = g.Span[0];
            Finish(anchors, dA!, a, aNorms, gs);
            Finish(candidates, dC!, c, cNorms, gs);
        });
    }

    // One row's cross-entropy with target column i; with grad, the row becomes (softmax − one-hot)·w.
    private static double RowLoss(Span<float> row, int i, int[]? ids, bool grad, float w)
    {
        if (ids is not null)
        {
            int id = ids[i];
            for (int j = 0; j < row.Length; j++)
            {
                if (ids[j] == id && j != i)
                {
                    row[j] = float.NegativeInfinity;
                }
            }
        }

        float target = row[i];
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, row);
        TensorPrimitives.Exp(row, row);
        float sum = TensorPrimitives.Sum(row);
        if (grad)
        {
            TensorPrimitives.Multiply(row, w / sum, row);
            row[i] -= w;
        }

        return max + Math.Log(sum) - target;
    }

    private static (float[] Rows, float[]? Norms) Prepare(Tensor t, bool normalize)
    {
        int n = t.Dim(0), d = t.Dim(1);
        if (!normalize)
        {
            return (t.Buffer, null);
        }

        var rows = new float[n * d];
        var norms = new float[n];
        L2NormalizeKernel.Forward(t.Span, rows, norms, n, d, 1e-12f);
        return (rows, norms);
    }

    // input.grad += g·dRows, through the normalisation when there was one.
    private static void Finish(Tensor input, float[] dRows, float[] rows, float[]? norms, float g)
    {
        if (!input.RequiresGrad)
        {
            return;
        }

        int n = input.Dim(0), d = input.Dim(1);
        var dx = Tensor.Uninitialized(input.Shape);
        if (norms is null)
        {
            TensorPrimitives.Multiply(dRows, g, dx.Span);
        }
        else
        {
            var scaled = GC.AllocateUninitializedArray<float>(n * d);
            TensorPrimitives.Multiply(dRows, g, scaled.AsSpan(0, n * d));
            L2NormalizeKernel.Backward(scaled.AsSpan(0, n * d), rows, norms, dx.Span, n, d, 1e-12f);
        }

        input.AccumulateGrad(dx);
    }
}
