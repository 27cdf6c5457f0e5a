using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Triplet margin loss (Weinberger &amp; Saul 2009; Schroff et al. 2015, FaceNet; PML's
/// <c>TripletMarginLoss</c>): each triplet pays [d_ap − d_an + margin]₊ (directions flip for a similarity).
/// With <see cref="Swap"/> the negative's distance is the closer of d_an and d_pn (Balntas et al. 2016); with
/// <see cref="SmoothLoss"/> the hinge becomes softplus. Without tuples every valid triplet counts, or
/// <see cref="TripletsPerAnchor"/> random ones per anchor. Reducers that sum with filters and weights (the default
/// average of non-zero, mean, sum, threshold, class-weighted) run fused over the distance matrix, so "all
/// triplets" needs O(n·m) memory, not O(n·m²).
/// </summary>
public sealed class TripletMarginLoss : MetricLoss
{
    private readonly Rng _rng;

    /// <summary>Creates the loss (PML defaults: margin 0.05, Euclidean distance, average of non-zero).</summary>
    public TripletMarginLoss(float margin = 0.05f, bool swap = false, bool smoothLoss = false,
        int? tripletsPerAnchor = null, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f, Rng? rng = null)
        : base(distance ?? new LpDistance(), reducer ?? new AvgNonZeroReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (tripletsPerAnchor is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tripletsPerAnchor),
                $"TripletMarginLoss: tripletsPerAnchor must be positive (or null for all); got {tripletsPerAnchor}.");
        }

        Margin = margin;
        Swap = swap;
        SmoothLoss = smoothLoss;
        TripletsPerAnchor = tripletsPerAnchor;
        _rng = rng ?? new Rng(0);
    }

    /// <summary>The margin by which negatives must be farther than positives.</summary>
    public float Margin { get; }

    /// <summary>Whether the positive-negative distance replaces the anchor-negative one when closer.</summary>
    public bool Swap { get; }

    /// <summary>Whether the hinge is replaced by softplus.</summary>
    public bool SmoothLoss { get; }

    /// <summary>Random triplets per anchor when no tuples are given; null for all triplets.</summary>
    public int? TripletsPerAnchor { get; }

    /// <inheritdoc/>
    protected override Tensor? ComputeReduced(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reduction = Reducer.ForSubLoss("loss").Streaming;
        if (reduction is null || reduction.Divisor == StreamingDivisor.Given
            || (Swap && input.SeparateReference is not null)
            || (reduction.ClassWeights is not null && input.Labels is null))
        {
            return null;
        }

        var source = input.Tuples is null && TripletsPerAnchor is null
            ? TripletSource.All(LabelGroups.Create(input.RequireLabels(nameof(TripletMarginLoss)),
                input.ReferenceLabels!, input.ExcludeSelf))
            : TripletSource.Of(input.Triplets(TripletsPerAnchor, _rng), input.BatchSize);
        if (source.Count == 0)
        {
            return LossOps.ZeroLoss(input.Embeddings);
        }

        var term = new TripletMarginKernel.Term(Distance.Direction, Margin, Swap, SmoothLoss);
        return TripletMarginKernel.Reduce(input.Matrix(Distance), source, term, reduction, input.Labels,
            input.Embeddings);
    }

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var triplets = input.Triplets(TripletsPerAnchor, _rng);
        if (triplets.IsEmpty)
        {
            return ZeroSubLosses();
        }

        var mat = input.Matrix(Distance);
        var ap = LossOps.GatherPairs(mat, triplets.A, triplets.P);
        var an = LossOps.GatherPairs(mat, triplets.A, triplets.N);
        if (Swap)
        {
            var refMat = input.SeparateReference is null ? mat : Distance.Matrix(input.SeparateReference);
            an = Distance.Closest(an, LossOps.GatherPairs(refMat, triplets.P, triplets.N));
        }

        var violation = Distance.Margin(ap, an).Add(Margin);
        var losses = SmoothLoss ? violation.Softplus() : violation.Relu();
        return new SubLosses([SubLoss.PerTriplet("loss", losses, triplets)]);
    }
}
