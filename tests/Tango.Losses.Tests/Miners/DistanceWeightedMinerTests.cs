using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class DistanceWeightedMinerTests
{
    // Random: PML's draws come from torch's generator, so the check is the count (one triplet per reference member
    // of the anchor's class, for every anchor) and the rule (same-label positive, other-label negative closer than
    // the non-zero-loss cutoff).
    [Fact]
    public void MatchesPmlsCountAndRule()
    {
        var r = MinerReference.Load("DistanceWeightedMiner_RANDOM");
        var miner = new DistanceWeightedMiner((float)r.Kwarg("cutoff"), (float)r.Kwarg("nonzero_loss_cutoff"),
            new Rng(1));
        var t = miner.Mine(r.Embeddings, r.Labels);
        Assert.Equal(r.Counts, new[] { t.A.Length, t.P.Length, t.N.Length });
        var d = new LpDistance().Matrix(r.Embeddings);
        for (int k = 0; k < t.Count; k++)
        {
            Assert.Equal(r.Labels[t.A[k]], r.Labels[t.P[k]]);
            Assert.NotEqual(t.A[k], t.P[k]);
            Assert.NotEqual(r.Labels[t.A[k]], r.Labels[t.N[k]]);
            Assert.True(d[t.A[k], t.N[k]] < 1.4f);
        }

        foreach (int label in r.Labels.Distinct())
        {
            Assert.Equal(8 * 8, t.A.Count(a => r.Labels[a] == label));
        }
    }

    [Fact]
    public void FavoursNegativesAtLowDensityDistances()
    {
        // Two negatives at distances 0.6 and 1.3 from the anchor in 16 dimensions: 1/q(d) strongly prefers 0.6.
        var miner = new DistanceWeightedMiner(rng: new Rng(2));
        int dim = 16;
        var rows = new float[4 * dim];
        rows[0] = 1f;
        rows[dim] = 1f;
        rows[dim + 1] = 0.05f;
        Unit(rows.AsSpan(2 * dim, dim), 0.6f);
        Unit(rows.AsSpan(3 * dim, dim), 1.3f);
        var x = Tensor.FromArray(rows, 4, dim);
        var t = miner.Mine(x, [0, 0, 1, 2]);
        Assert.True(t.N.Count(n => n == 2) > t.N.Count(n => n == 3));
    }

    // A unit vector at Euclidean distance d from e0.
    private static void Unit(Span<float> v, float d)
    {
        float cos = 1 - d * d / 2;
        v[0] = cos;
        v[1] = MathF.Sqrt(1 - cos * cos);
    }
}
