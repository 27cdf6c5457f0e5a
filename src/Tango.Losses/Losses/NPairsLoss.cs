using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// N-pair loss (Sohn 2016, "Improved Deep Metric Learning with Multi-class N-pair Loss Objective"; PML's
/// <c>NPairsLoss</c>): one (anchor, positive) pair per label — the first positive pair of each label, in ascending
/// label order, as PML's <c>convert_to_pos_pairs_with_unique_labels</c> — and a softmax cross-entropy that asks
/// each anchor to be closest to its own positive among all the pairs' positives:
/// loss_i = −log softmax_j(s(a_i, p_j))[i], with s the similarity (a distance is negated).
/// One element per pair, averaged by default.
/// </summary>
public sealed class NPairsLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: dot product of normalised embeddings, mean).</summary>
    public NPairsLoss(Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f)
        : base(distance ?? new DotProductSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
    }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = input.RequireLabels(nameof(NPairsLoss));
        var (anchors, positives) = input.Tuples is null
            ? FirstPairPerLabel(labels)
            : FirstPairPerLabel(input.Pairs(), labels);
        if (anchors.Length == 0)
        {
            return ZeroSubLosses();
        }

        // sim: (k, k); row i holds anchor i against every pair's positive, the target is column i.
        var x = input.Embeddings;
        var sim = Distance.Matrix(x.IndexSelect(0, anchors), x.IndexSelect(0, positives));
        if (!Distance.IsSimilarity)
        {
            sim = sim.Neg();
        }

        var diagonal = Enumerable.Range(0, anchors.Length).ToArray();
        var losses = sim.LogSumExp(1).Sub(LossOps.GatherPairs(sim, diagonal, diagonal));
        return new SubLosses([SubLoss.PerElement("loss", losses, anchors)]);
    }

    /// <summary>
    /// What <see cref="FirstPairPerLabel(PairIndices, int[])"/> gives for all pairs, without listing them: in
    /// anchor-major order a label's first pair is its lowest-index member with its next-lowest one.
    /// </summary>
    internal static (int[] Anchors, int[] Positives) FirstPairPerLabel(int[] labels)
    {
        var members = new SortedDictionary<int, (int First, int Second)>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!members.TryGetValue(labels[i], out var m))
            {
                members[labels[i]] = (i, -1);
            }
            else if (m.Second < 0)
            {
                members[labels[i]] = (m.First, i);
            }
        }

        var pairs = members.Values.Where(m => m.Second >= 0).ToArray();
        return ([.. pairs.Select(m => m.First)], [.. pairs.Select(m => m.Second)]);
    }

    /// <summary>
    /// The first positive pair (in the given order) of each anchor label, sorted by label: NumPy's
    /// <c>unique(labels[a], return_index=True)</c> as PML uses it.
    /// </summary>
    internal static (int[] Anchors, int[] Positives) FirstPairPerLabel(PairIndices pairs, int[] labels)
    {
        var first = new SortedDictionary<int, int>();
        for (int k = 0; k < pairs.PositiveCount; k++)
        {
            first.TryAdd(labels[pairs.A1[k]], k);
        }

        return ([.. first.Values.Select(k => pairs.A1[k])], [.. first.Values.Select(k => pairs.P[k])]);
    }
}
