using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Triplets whose angle at the negative exceeds <see cref="AngleDegrees"/> (Wang et al. 2017, "Deep Metric
/// Learning with Angular Loss"; PML's <c>AngularMiner</c>): with c = (x_a + x_p)/2 the angle is
/// atan(‖x_a − x_p‖ / (2‖x_n − c‖)), on the raw embeddings, with PyTorch's pairwise-distance ε = 1e-6 added to
/// each coordinate difference. Computed in double per triplet, streaming over all triplets.
/// </summary>
public sealed class AngularMiner : TripletMiner
{
    /// <summary>Creates the miner (PML default: 20°). Its distance must be normalised Euclidean.</summary>
    public AngularMiner(float angleDegrees = 20f, Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        RequireNormalizedEuclidean();
        AngleDegrees = angleDegrees;
    }

    /// <summary>The threshold angle, in degrees (as PML).</summary>
    public float AngleDegrees { get; }

    /// <inheritdoc/>
    protected override TripletIndices MineTriplets(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int dim = input.Embeddings.Dim(1);
        var x = input.Embeddings.ToArray();
        var r = input.Reference.ToArray();
        double threshold = AngleDegrees * Math.PI / 180.0;
        var groups = LabelGroups.Create(input.Labels!, input.ReferenceLabels!, input.ExcludeSelf);
        var (a, p, n) = (new List<int>(), new List<int>(), new List<int>());
        var center = new double[dim];
        for (int i = 0; i < input.BatchSize; i++)
        {
            foreach (int pos in groups.Positives(i))
            {
                double ap = 0;
                for (int k = 0; k < dim; k++)
                {
                    double u = x[i * dim + k], w = r[pos * dim + k];
                    center[k] = (u + w) / 2;
                    ap += Square(u - w + 1e-6);
                }

                ap = Math.Sqrt(ap);
                foreach (int neg in groups.Negatives(i))
                {
                    double nc = 0;
                    for (int k = 0; k < dim; k++)
                    {
                        nc += Square(r[neg * dim + k] - center[k] + 1e-6);
                    }

                    if (Math.Atan(ap / (2 * Math.Sqrt(nc))) > threshold)
                    {
                        a.Add(i);
                        p.Add(pos);
                        n.Add(neg);
                    }
                }
            }
        }

        return new TripletIndices([.. a], [.. p], [.. n]);
    }

    private static double Square(double v) => v * v;
}
