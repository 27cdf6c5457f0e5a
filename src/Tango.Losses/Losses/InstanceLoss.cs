using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Instance loss (Zheng et al. 2020, "Dual-Path Convolutional Image-Text Embeddings with Instance Loss", ACM TOMM;
/// PML's <c>InstanceLoss</c>): a softmax cross-entropy over the scaled cosine similarities of each embedding to the
/// batch, loss_i = −log softmax_j(γ·cos(x_i, x_j))[t_i], where the target t_i is the rank of i's label among the
/// batch's distinct labels (PML's <c>unique(labels, return_inverse=True)</c>: the similarity matrix's columns are
/// read as class logits). One element per embedding, averaged by default.
/// </summary>
public sealed class InstanceLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: γ = 64, cosine similarity, mean).</summary>
    public InstanceLoss(float gamma = 64f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("its logits are scaled cosines");
        Gamma = gamma;
    }

    /// <summary>The scale γ of the cosine logits.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Tuples is not null)
        {
            throw new ArgumentException("InstanceLoss does not take mined tuples (as in PML); call it without them.");
        }

        var labels = input.RequireLabels(nameof(InstanceLoss));
        int n = labels.Length;
        if (n == 0)
        {
            return ZeroSubLosses();
        }

        // logits: (n, n); loss_i = logsumexp_j logits[i, j] − logits[i, t_i].
        var logits = input.Matrix(Distance).Mul(Gamma);
        var rows = Enumerable.Range(0, n).ToArray();
        var losses = logits.LogSumExp(1).Sub(LossOps.GatherPairs(logits, rows, LabelRanks(labels)));
        return new SubLosses([SubLoss.PerElement("loss", losses, rows)]);
    }

    /// <summary>Each label's position among the sorted distinct labels.</summary>
    internal static int[] LabelRanks(int[] labels)
    {
        var distinct = labels.Distinct().Order().ToArray();
        return [.. labels.Select(l => Array.BinarySearch(distinct, l))];
    }
}
