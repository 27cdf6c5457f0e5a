using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Distance-weighted sampling (Wu et al. 2017, "Sampling Matters in Deep Embedding Learning", §4; PML's
/// <c>DistanceWeightedMiner</c>): negatives are drawn with probability ∝ 1/q(d), the inverse density of
/// distances between random points on the unit sphere, q(d) ∝ d^(n−2)·(1 − d²/4)^((n−3)/2), with d clamped below at
/// <see cref="Cutoff"/> and negatives beyond <see cref="NonzeroLossCutoff"/> never drawn. Each anchor gets as many
/// triplets as its class has reference members, with uniform positives. Random: draws come from the given
/// <see cref="Rng"/>, so sets differ from PML's (which uses torch's generator); the rule and counts agree.
/// </summary>
public sealed class DistanceWeightedMiner : TripletMiner
{
    private readonly Rng _rng;

    /// <summary>Creates the miner (PML defaults: cutoff 0.5, non-zero-loss cutoff 1.4); its distance must be
    /// normalised Euclidean.</summary>
    public DistanceWeightedMiner(float cutoff = 0.5f, float nonzeroLossCutoff = 1.4f, Rng? rng = null,
        Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        RequireNormalizedEuclidean();
        Cutoff = cutoff;
        NonzeroLossCutoff = nonzeroLossCutoff;
        _rng = rng ?? new Rng(0);
    }

    /// <summary>Distances are clamped below at this value before weighting.</summary>
    public float Cutoff { get; }

    /// <summary>Negatives at or beyond this distance get weight 0.</summary>
    public float NonzeroLossCutoff { get; }

    /// <inheritdoc/>
    protected override TripletIndices MineTriplets(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var weights = NegativeWeights(input, MatrixValues(input));
        return TripletIndices.Random(input.Labels!, null, _rng, input.ReferenceLabels, input.ExcludeSelf, weights);
    }

    // w[i, j] = exp(log q⁻¹(d_ij) − max) for negatives below the non-zero-loss cutoff, 0 elsewhere; the max is over
    // all finite log-weights (same-class entries count as 0, as PML multiplies them by its mask first).
    internal float[] NegativeWeights(LossInput input, float[] mat)
    {
        int n = input.BatchSize, m = input.ReferenceSize;
        double dim = input.Embeddings.Dim(1);
        var logW = new double[n * m];
        var labels = input.Labels!;
        var refLabels = input.ReferenceLabels!;
        double max = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double d = Math.Max(mat[i * m + j], Cutoff);
                double lw = (2.0 - dim) * Math.Log(d) - (dim - 3) / 2 * Math.Log(1.0 - 0.25 * d * d);
                lw = double.IsFinite(lw) ? (labels[i] == refLabels[j] ? 0 : lw) : double.NaN;
                logW[i * m + j] = lw;
                max = double.IsNaN(lw) ? max : Math.Max(max, lw);
            }
        }

        var w = new float[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                bool use = labels[i] != refLabels[j] && mat[i * m + j] < NonzeroLossCutoff
                    && !double.IsNaN(logW[i * m + j]);
                w[i * m + j] = use ? (float)Math.Exp(logW[i * m + j] - max) : 0f;
            }
        }

        return w;
    }
}
