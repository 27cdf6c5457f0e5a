using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// MoCHi, mixing of contrastive hard negatives (Kalantidis et al. 2020, "Hard Negative Mixing for Contrastive
/// Learning"): InfoNCE whose negatives are extended, per anchor q, with synthetic hard negatives. The
/// anchor's negatives (the batch, or a queue passed as reference embeddings) are ranked by cosine similarity to q
/// and the N hardest kept; then s points h = normalise(α·n_i + (1 − α)·n_j) with n_i, n_j drawn uniformly from
/// them and α ~ U(0, 1), and s′ points h′ = normalise(β·q + (1 − β)·n_j) with β ~ U(0, 0.5). For each positive
/// pair (q, k): L = −log(e^{q·k/τ} / (e^{q·k/τ} + Σ_{n∈N(q)} e^{q·n/τ} + Σ_h e^{q·h/τ})), on L2-normalised
/// embeddings. The synthetic points are constants (no gradient flows into their construction), as in the paper.
/// Random draws come from the seeded <see cref="Rng"/>, anchor by anchor in row order: for each anchor its s
/// triples (i, j, α) then its s′ pairs (j, β). Mean over positive pairs by default.
/// </summary>
public sealed class MochiLoss : PairLoss
{
    private readonly Rng _rng;

    /// <summary>Creates the loss (τ = 0.2 as MoCo v2; N = 1024, s = 256, s′ = 0, Tango's defaults).</summary>
    public MochiLoss(float temperature = 0.2f, int hardestCount = 1024, int mixCount = 256, int queryMixCount = 0,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f,
        Rng? rng = null)
        : base(new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer, embeddingRegularizerWeight)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(MochiLoss));
        HardestCount = Check.AtLeast(hardestCount, 1, nameof(hardestCount), nameof(MochiLoss));
        MixCount = Check.AtLeast(mixCount, 0, nameof(mixCount), nameof(MochiLoss));
        QueryMixCount = Check.AtLeast(queryMixCount, 0, nameof(queryMixCount), nameof(MochiLoss));
        _rng = rng ?? new Rng(0);
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <summary>N: how many of each anchor's hardest negatives are mixed.</summary>
    public int HardestCount { get; }

    /// <summary>s: synthetic negatives per anchor mixed from two hard negatives.</summary>
    public int MixCount { get; }

    /// <summary>s′: synthetic negatives per anchor mixed from the anchor itself and a hard negative.</summary>
    public int QueryMixCount { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        var p = pairs.Indices;
        float inv = 1f / Temperature;
        var negatives = PairValues(mat, p.A2, p.N).Mul(inv);
        var (synthetic, owners) = Synthesise(input, mat, pairs);
        var all = negatives;
        int[] segments = p.A2;
        if (owners.Length > 0)
        {
            var q = Distance.Normalize(input.Embeddings).IndexSelect(0, owners);
            all = Tensor.Concat([negatives, q.Mul(synthetic).Sum(1).Mul(inv)], 0);
            segments = [.. p.A2, .. owners];
        }

        var lse = LossOps.SegmentLogSumExp(all, segments, input.BatchSize);
        var positive = PairValues(mat, p.A1, p.P).Mul(inv);
        var losses = lse.IndexSelect(0, p.A1).Sub(positive).Softplus();
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, p.A1, p.P)]);
    }

    // The synthetic negatives (rows, d), as constants, and the anchor each belongs to (ascending).
    private (Tensor Points, int[] Owners) Synthesise(LossInput input, Tensor mat, PairSet pairs)
    {
        int n = input.BatchSize, m = input.ReferenceSize, d = input.Embeddings.Dim(1);
        float[] q, r;
        using (Tensor.NoGrad())
        {
            q = Distance.Normalize(input.Embeddings).ToArray();
            r = input.SeparateReference is null ? q : Distance.Normalize(input.Reference).ToArray();
        }

        var hasPositive = new bool[n];
        foreach (int a in pairs.Indices.A1)
        {
            hasPositive[a] = true;
        }

        var mask = pairs.NegativeMask;
        var values = mat.Span;
        var points = new List<float>();
        var owners = new List<int>();
        var h = new float[d];
        for (int a = 0; a < n; a++)
        {
            var hard = hasPositive[a] ? Hardest(values.Slice(a * m, m), mask.AsSpan(a * m, m)) : [];
            if (hard.Length == 0)
            {
                continue;
            }

            for (int k = 0; k < MixCount; k++)
            {
                int i = hard[_rng.NextInt(hard.Length)], j = hard[_rng.NextInt(hard.Length)];
                Mix(r.AsSpan(i * d, d), r.AsSpan(j * d, d), _rng.NextFloat(), h, points, owners, a);
            }

            for (int k = 0; k < QueryMixCount; k++)
            {
                int j = hard[_rng.NextInt(hard.Length)];
                Mix(q.AsSpan(a * d, d), r.AsSpan(j * d, d), 0.5f * _rng.NextFloat(), h, points, owners, a);
            }
        }

        return (Tensor.FromArray(points.ToArray(), owners.Count, d), [.. owners]);
    }

    // The reference columns of the N most similar negatives of one anchor row.
    private int[] Hardest(ReadOnlySpan<float> row, ReadOnlySpan<byte> negative)
    {
        var columns = new List<int>();
        var keys = new List<float>();
        for (int j = 0; j < row.Length; j++)
        {
            if (negative[j] != 0)
            {
                columns.Add(j);
                keys.Add(-row[j]);
            }
        }

        var c = columns.ToArray();
        Array.Sort(keys.ToArray(), c); // by descending similarity; ties keep no particular order
        return c.Length <= HardestCount ? c : c[..HardestCount];
    }

    // h = normalise(w·x + (1 − w)·y), appended to the synthetic points with its owner.
    private static void Mix(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float w, float[] h, List<float> points,
        List<int> owners, int owner)
    {
        double norm = 0;
        for (int k = 0; k < h.Length; k++)
        {
            h[k] = w * x[k] + (1f - w) * y[k];
            norm += (double)h[k] * h[k];
        }

        float scale = (float)(1.0 / Math.Max(Math.Sqrt(norm), 1e-12));
        for (int k = 0; k < h.Length; k++)
        {
            points.Add(h[k] * scale);
        }

        owners.Add(owner);
    }
}
