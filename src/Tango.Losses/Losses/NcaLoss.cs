using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Neighbourhood components analysis loss (Goldberger et al. 2004, "Neighbourhood Components Analysis", eq. 1;
/// PML's <c>NCALoss</c>): for each element i, −log Σ_{j: y_j = y_i} p_ij with p_ij = softmax_j(−s·d_ij) over the
/// reference (itself excluded when the reference is the batch), in log space as
/// log Σ_{all} e^{−s·d_ij} − log Σ_{same} e^{−s·d_ij}. Elements without a same-label neighbour are left out (PML
/// also drops elements whose float sum underflows to 0; the log-space form never underflows). With tuples, each
/// element is weighted by how often it occurs in them (PML's <c>convert_to_weights</c>). Squared Euclidean
/// distance, mean by default.
/// </summary>
public sealed class NcaLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: softmax scale 1, LpDistance(power: 2)).</summary>
    public NcaLoss(float softmaxScale = 1f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(power: 2f), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        SoftmaxScale = softmaxScale;
    }

    /// <summary>The softmax scale s.</summary>
    public float SoftmaxScale { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.BatchSize <= 1)
        {
            return ZeroSubLosses();
        }

        var labels = input.RequireLabels(nameof(NcaLoss));
        var refLabels = input.ReferenceLabels!;
        int n = input.BatchSize, m = input.ReferenceSize;
        bool self = input.SeparateReference is null;
        var same = new byte[n * m];
        var all = new byte[n * m];
        var rows = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool any = false;
            for (int j = 0; j < m; j++)
            {
                bool keep = !(self && i == j);
                all[i * m + j] = keep ? (byte)1 : (byte)0;
                same[i * m + j] = keep && labels[i] == refLabels[j] ? (byte)1 : (byte)0;
                any |= same[i * m + j] != 0;
            }

            if (any)
            {
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            return ZeroSubLosses();
        }

        var weights = input.Tuples?.ElementWeights(n, usingReference: !self) ?? Enumerable.Repeat(1f, n).ToArray();
        var mat = input.Matrix(Distance);
        float scale = -Distance.Direction * SoftmaxScale;
        var logP = LossOps.MaskedRowLogSumExp(mat, same, scale, 0f, addOne: false)
            .Sub(LossOps.MaskedRowLogSumExp(mat, all, scale, 0f, addOne: false));
        int[] kept = [.. rows];
        var losses = logP.IndexSelect(0, kept).Mul(Tensor.FromArray([.. kept.Select(i => -weights[i])]));
        return new SubLosses([SubLoss.PerElement("loss", losses, kept)]);
    }
}
