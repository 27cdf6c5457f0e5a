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
/// embeddings. The synthetic points are constants: no gradient flows into their construction (in MoCo the queue
/// they are mixed from carries none either).
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
        var all = negatives;
        int[] segments = p.A2;
        var mixes = Synthesise(input, mat, pairs, out var q, out var r);
        if (mixes.Length > 0)
        {
            var qHat = Distance.Normalize(input.Embeddings);
            var synthetic = ContrastiveOps.MixedLogits(qHat, q, r, mixes).Mul(inv);
            all = Tensor.Concat([negatives, synthetic], 0);
            segments = [.. p.A2, .. mixes.Select(x => x.Owner)];
        }

        var lse = LossOps.SegmentLogSumExp(all, segments, input.BatchSize);
        var positive = PairValues(mat, p.A1, p.P).Mul(inv);
        var losses = lse.IndexSelect(0, p.A1).Sub(positive).Softplus();
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, p.A1, p.P)]);
    }

    // The synthetic negatives as mixes of normalised rows (no d-sized storage per point), anchor by anchor; q and r
    // return the normalised batch and reference rows (constants).
    private Mix[] Synthesise(LossInput input, Tensor mat, PairSet pairs, out float[] q, out float[] r)
    {
        int n = input.BatchSize, m = input.ReferenceSize, d = input.Embeddings.Dim(1);
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
        var mixes = new List<Mix>();
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
                float w = _rng.NextFloat();
                mixes.Add(Mix.Of(a, i, j, w, Dot(r, i, r, j, d)));
            }

            for (int k = 0; k < QueryMixCount; k++)
            {
                int j = hard[_rng.NextInt(hard.Length)];
                float w = 0.5f * _rng.NextFloat();
                mixes.Add(Mix.Of(a, -1, j, w, Dot(q, a, r, j, d)));
            }
        }

        return [.. mixes];
    }

    private static float Dot(float[] x, int i, float[] y, int j, int d) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(x.AsSpan(i * d, d), y.AsSpan(j * d, d));

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
}
