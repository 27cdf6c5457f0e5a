using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// FastAP (Cakir, He, Xia, Kulis &amp; Sclaroff 2019, "Deep Metric Learning to Rank"; PML's <c>FastAPLoss</c>):
/// 1 − a differentiable average precision per query, from histograms of its positives' and negatives' distances
/// soft-binned into <see cref="NumBins"/> bins over [0, 2^power] (the range of a power of the Euclidean distance
/// between unit vectors). Every pair of the batch counts; mined tuples only weight the queries by how often they
/// occur (PML's <c>convert_to_weights</c>). One element per query with a positive, averaged by default.
/// Needs a Euclidean <see cref="LpDistance"/> on normalised embeddings; the default squares it (power 2).
/// </summary>
public sealed class FastApLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: 10 bins, squared Euclidean distance of unit vectors, mean).</summary>
    public FastApLoss(int numBins = 10, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(power: 2f), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numBins);
        if (Distance is not LpDistance { P: 2f, NormalizeEmbeddings: true })
        {
            throw new ArgumentException(
                $"FastApLoss bins distances over [0, 2^power]: it needs a Euclidean LpDistance (p = 2) on normalised " +
                $"embeddings; got {Distance}.");
        }

        NumBins = numBins;
    }

    /// <summary>The number of histogram bins.</summary>
    public int NumBins { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = input.RequireLabels(nameof(FastApLoss));
        int n = labels.Length;
        var queries = QueriesWithPositives(labels);
        if (queries.Length == 0)
        {
            return ZeroSubLosses();
        }

        var weights = input.Tuples?.ElementWeights(n, usingReference: false) ?? Enumerable.Repeat(1f, n).ToArray();
        float max = MathF.Pow(2f, Distance.Power);
        var (losses, anySafe) = FastApKernel.Forward(input.Matrix(Distance), labels, weights, queries, NumBins, max);
        return anySafe ? new SubLosses([SubLoss.PerElement("loss", losses, queries)]) : ZeroSubLosses();
    }

    private static int[] QueriesWithPositives(int[] labels)
    {
        var counts = labels.CountBy(l => l).ToDictionary();
        return [.. Enumerable.Range(0, labels.Length).Where(i => counts[labels[i]] > 1)];
    }
}
