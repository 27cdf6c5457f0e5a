using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// RegularFace exclusive regularisation (Zhao et al. 2019, "RegularFace: Deep Face Recognition via Exclusive
/// Regularization", eq. 4; PML's <c>RegularFaceRegularizer</c>): each class weight row pays its largest cosine
/// similarity to another row, max_{j≠i} cos(w_i, w_j), pushing class centres apart. The argmax is chosen without
/// gradient, as PML. Mean over rows by default; the distance must be a similarity (cosine by default).
/// </summary>
public sealed class RegularFaceRegularizer : Regularizer
{
    /// <summary>Creates the regulariser.</summary>
    public RegularFaceRegularizer(Distance? distance = null, Reducer? reducer = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer())
    {
        if (!Distance.IsSimilarity)
        {
            throw new ArgumentException($"RegularFaceRegularizer needs a similarity; got {Distance}.",
                nameof(distance));
        }
    }

    /// <inheritdoc/>
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Dim(0);
        var sim = Distance.Matrix(x);
        var values = sim.Span;
        var nearest = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = -1;
            for (int j = 0; j < n; j++)
            {
                if (j != i && (best < 0 || values[i * n + j] > values[i * n + best]))
                {
                    best = j;
                }
            }

            nearest[i] = Math.Max(best, 0);
        }

        return SubLoss.PerElement("loss", Kernels.LossOps.GatherPairs(sim, RowIndices(n), nearest), RowIndices(n));
    }
}
