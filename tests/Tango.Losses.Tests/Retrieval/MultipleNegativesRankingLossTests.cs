using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Retrieval;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// MNRL against a plain double loop of its formula: score blocks, symmetric form, duplicate masking.
/// </summary>
public sealed class MultipleNegativesRankingLossTests
{
    // (1/n) Σ_i [log Σ_{j kept} e^{s·cos(q_i, c_j)} − s·cos(q_i, c_i)], in double.
    private static double Naive(float[,] q, float[,] c, float scale, Func<int, int, bool>? skip = null)
    {
        int n = q.GetLength(0), m = c.GetLength(0);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var logits = Enumerable.Range(0, m).Where(j => skip is null || !skip(i, j))
                .Select(j => scale * Cos(q, i, c, j)).ToArray();
            double max = logits.Max();
            total += max + Math.Log(logits.Sum(v => Math.Exp(v - max))) - scale * Cos(q, i, c, i);
        }

        return total / n;
    }

    private static double Cos(float[,] a, int i, float[,] b, int j)
    {
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.GetLength(1); k++)
        {
            dot += a[i, k] * (double)b[j, k];
            na += a[i, k] * (double)a[i, k];
            nb += b[j, k] * (double)b[j, k];
        }

        return dot / Math.Sqrt(na * nb);
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(5, 7, 3)]
    [InlineData(129, 5, 2)]
    [InlineData(300, 4, 3)]
    public void Equals_the_formula_across_score_blocks(int n, int d, int columns)
    {
        var cols = Enumerable.Range(0, columns).Select(c => SeededCases.Normal(40 + (ulong)c, n, d)).ToArray();
        var candidates = Tensor.Concat([.. cols.Skip(1)], 0).ToArray2D();
        double expected = Naive(cols[0].ToArray2D(), candidates, 20f);
        float actual = new MultipleNegativesRankingLoss().Compute(cols).Item();
        Tolerance.Close(expected, actual, rtol: 2e-5, atol: 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Score_blocks_give_the_same_loss_and_gradients(int blockRows)
    {
        // The kernel's block height only changes the order of work: compare with one block holding every row.
        var a = SeededCases.Normal(80, 50, 9);
        var c = SeededCases.Normal(81, 100, 9);
        var ids = MultipleNegativesRankingLoss.DuplicateIds(c);
        (float, float[], float[]) Run(int? rows)
        {
            a.Grad = null;
            c.Grad = null;
            a.RequiresGrad = c.RequiresGrad = true;
            var loss = InBatchSoftmaxKernel.Loss(a, c, 20f, normalize: true, ids, rows);
            loss.Backward();
            return (loss.Item(), a.Grad!.ToArray(), c.Grad!.ToArray());
        }

        var (whole, da, dc) = Run(null);
        var (blocked, dab, dcb) = Run(blockRows);
        Tolerance.Close(whole, blocked, rtol: 1e-5, atol: 1e-6);
        Tolerance.Close(da, dab, rtol: 1e-4, atol: 1e-6);
        Tolerance.Close(dc, dcb, rtol: 1e-4, atol: 1e-6);
    }

    [Fact]
    public void Symmetric_form_averages_both_directions()
    {
        var cols = Enumerable.Range(0, 3).Select(c => SeededCases.Normal(50 + (ulong)c, 9, 5)).ToArray();
        double forward = Naive(cols[0].ToArray2D(), Tensor.Concat([cols[1], cols[2]], 0).ToArray2D(), 10f);
        double backward = Naive(cols[1].ToArray2D(), cols[0].ToArray2D(), 10f);
        float actual = new MultipleNegativesRankingLoss(10f, symmetric: true).Compute(cols).Item();
        Tolerance.Close((forward + backward) / 2, actual, rtol: 2e-5, atol: 1e-5);
    }

    [Fact]
    public void Duplicate_positives_are_not_negatives_when_masked()
    {
        var a = SeededCases.Normal(60, 6, 4);
        var p = SeededCases.Normal(61, 6, 4);
        var n = SeededCases.Normal(62, 6, 4);
        // Rows 1 and 4 share a positive (the same text twice); negative 2 repeats positive 1 as well.
        p.Span.Slice(4, 4).CopyTo(p.Span.Slice(16, 4));
        p.Span.Slice(4, 4).CopyTo(n.Span.Slice(8, 4));
        var c = Tensor.Concat([p, n], 0).ToArray2D();
        var ids = new[] { 0, 1, 2, 3, 1, 5, 6, 7, 1, 9, 10, 11 };
        double masked = Naive(a.ToArray2D(), c, 20f, (i, j) => j != i && ids[j] == ids[i]);
        double plain = Naive(a.ToArray2D(), c, 20f);
        var maskedLoss = new MultipleNegativesRankingLoss(maskDuplicatePositives: true);
        Tolerance.Close(masked, maskedLoss.Compute([a, p, n]).Item(), rtol: 2e-5, atol: 1e-5);
        Tolerance.Close(plain, new MultipleNegativesRankingLoss().Compute([a, p, n]).Item(), rtol: 2e-5, atol: 1e-5);
        Assert.True(plain - masked > 1e-3, "Masking must change the loss here.");
    }

    [Fact]
    public void Fused_and_generic_paths_agree_with_masking()
    {
        // A dot product that is not a DotProductSimilarity takes the generic path (matrix, masked fill, log-softmax).
        var cols = Enumerable.Range(0, 3).Select(c => SeededCases.Normal(70 + (ulong)c, 7, 5)).ToArray();
        cols[2].Span.Slice(0, 5).CopyTo(cols[1].Span.Slice(10, 5));
        cols[1].Span.Slice(10, 5).CopyTo(cols[1].Span.Slice(15, 5));
        var fused = new MultipleNegativesRankingLoss(5f, new DotProductSimilarity(false), maskDuplicatePositives: true);
        var generic = new MultipleNegativesRankingLoss(5f, new PlainDot(), maskDuplicatePositives: true);
        Tolerance.Close(generic.Compute(cols).Item(), fused.Compute(cols).Item(), rtol: 1e-4, atol: 1e-5);
    }

    [Fact]
    public void Too_few_columns_are_reported()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new MultipleNegativesRankingLoss().Compute([SeededCases.Normal(1, 3, 2)]));
        Assert.Contains("at least 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new MultipleNegativesRankingLoss().Compute(
            [SeededCases.Normal(1, 3, 2), SeededCases.Normal(2, 4, 2)]));
        Assert.Contains("column 1", ex.Message);
    }

    private sealed class PlainDot() : Distance(normalizeEmbeddings: false, p: 2f, power: 1f)
    {
        public override bool IsSimilarity => true;

        protected override Tensor ComputeMatrix(Tensor q, Tensor r, bool same) => q.MatMul(r, transB: true);

        protected override Tensor ComputePairwise(Tensor q, Tensor r) => q.Mul(r).Sum(1);
    }
}
