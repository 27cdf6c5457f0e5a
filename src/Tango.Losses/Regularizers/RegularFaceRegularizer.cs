using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// RegularFace (Zhao et al. 2019, "RegularFace: Deep Face Recognition via Exclusive Regularization"; PML's
/// <c>RegularFaceRegularizer</c>): penalises each class weight's similarity to its nearest other class weight,
/// entry_i = max_{j ≠ i} cos(w_i, w_j) (the nearest one is chosen without gradient), which spreads the class
/// centres apart. Needs a similarity; a single row has no other row and gives a zero loss.
/// </summary>
public sealed class RegularFaceRegularizer : Regularizer
{
    /// <summary>Creates the regulariser (PML defaults: cosine similarity, mean reducer).</summary>
    public RegularFaceRegularizer(Distance? distance = null, Reducer? reducer = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer())
    {
        if (!Distance.IsSimilarity)
        {
            throw new ArgumentException($"RegularFaceRegularizer needs a similarity (larger is closer); got {Distance}.",
                nameof(distance));
        }
    }

    /// <inheritdoc/>
    // x: (rows, d) -> losses: (rows)
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Dim(0);
        if (n < 2)
        {
            return SubLoss.Zero("loss");
        }

        var sim = Distance.Matrix(x);
        var s = sim.Span;
        var nearest = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = i == 0 ? 1 : 0;
            for (int j = 0; j < n; j++)
            {
                best = j != i && s[i * n + j] > s[i * n + best] ? j : best;
            }

            nearest[i] = best;
        }

        var rows = RowIndices(n);
        return SubLoss.PerElement("loss", LossOps.GatherPairs(sim, rows, nearest), rows);
    }
}
