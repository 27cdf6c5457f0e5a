using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class MochiLossTests
{
    private static readonly int[] Labels = [0, 0, 1, 1, 2, 2, 3, 3, 4, 5];

    // Kalantidis et al. 2020, replaying the loss's documented draw order from the same seed: per anchor with a
    // positive, its N hardest negatives by cosine, s mixes normalise(α n_i + (1 − α) n_j), s′ mixes
    // normalise(β q + (1 − β) n_j), β = U/2; InfoNCE over real plus synthetic negatives per positive pair.
    [Theory]
    [InlineData(3, 4, 0)]
    [InlineData(5, 3, 2)]
    [InlineData(100, 2, 3)]
    public void MatchesThePaperFormula(int hardest, int mixes, int queryMixes)
    {
        var x = SeededCases.Normal(51, 10, 4);
        var q = NaiveDistances.Rows(x, normalize: true);
        var s = NaiveDistances.Dot(x, normalize: true);
        var rng = new Rng(9);
        const double tau = 0.2;
        var losses = new List<double>();
        for (int a = 0; a < Labels.Length; a++)
        {
            var (pos, neg) = Naive.Split(Labels, a);
            if (pos.Length == 0)
            {
                continue;
            }

            var hard = neg.OrderByDescending(k => s[a, k]).Take(hardest).ToArray();
            var logits = neg.Select(k => s[a, k] / tau).ToList();
            for (int k = 0; k < mixes; k++)
            {
                int i = hard[rng.NextInt(hard.Length)], j = hard[rng.NextInt(hard.Length)];
                logits.Add(MixedLogit(q, a, q, i, j, rng.NextFloat()) / tau);
            }

            for (int k = 0; k < queryMixes; k++)
            {
                int j = hard[rng.NextInt(hard.Length)];
                logits.Add(MixedLogit(q, a, q, a, j, 0.5f * rng.NextFloat()) / tau);
            }

            double lse = Naive.LogSumExp(logits);
            losses.AddRange(pos.Select(p => Naive.Softplus(lse - s[a, p] / tau)));
        }

        var loss = new MochiLoss(0.2f, hardest, mixes, queryMixes, rng: new Rng(9));
        Tolerance.Close(losses.Average(), loss.Compute(x, Labels).Item(), rtol: 1e-5);
    }

    // q_a · normalise(w·v_i + (1 − w)·v_j).
    private static double MixedLogit(double[,] q, int a, double[,] v, int i, int j, float w)
    {
        int d = q.GetLength(1);
        var h = Enumerable.Range(0, d).Select(k => w * v[i, k] + (1 - (double)w) * v[j, k]).ToArray();
        double norm = Math.Sqrt(h.Sum(z => z * z));
        return Enumerable.Range(0, d).Sum(k => q[a, k] * h[k] / norm);
    }

    [Fact]
    public void WithoutMixingItIsNtXent()
    {
        var x = SeededCases.Normal(52, 10, 4);
        Tolerance.Close(new NtXentLoss(0.2f).Compute(x, Labels).Item(),
            new MochiLoss(0.2f, mixCount: 0).Compute(x, Labels).Item(), rtol: 1e-6);
    }

    [Fact]
    public void IsDeterministicForASeedAndAddsHardNegatives()
    {
        var x = SeededCases.Normal(53, 10, 4);
        float a = new MochiLoss(rng: new Rng(4)).Compute(x, Labels).Item();
        float b = new MochiLoss(rng: new Rng(4)).Compute(x, Labels).Item();
        Assert.Equal(a, b);
        Assert.True(a > new NtXentLoss(0.2f).Compute(x, Labels).Item());
    }

    [Fact]
    public void MixesNegativesFromAQueue()
    {
        // Queries against a reference queue (MoCo): row i of the keys is the positive of query i.
        var query = SeededCases.Normal(54, 4, 5);
        var queue = SeededCases.Normal(55, 12, 5);
        int[] labels = [0, 1, 2, 3];
        int[] refLabels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        float plain = new MochiLoss(mixCount: 0).Compute(query, labels, refEmbeddings: queue, refLabels: refLabels)
            .Item();
        float mixed = new MochiLoss(hardestCount: 3, mixCount: 8, queryMixCount: 2)
            .Compute(query, labels, refEmbeddings: queue, refLabels: refLabels).Item();
        Tolerance.Close(new NtXentLoss(0.2f).Compute(query, labels, refEmbeddings: queue, refLabels: refLabels)
            .Item(), plain, rtol: 1e-6);
        Assert.True(mixed > plain);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // Queries against a fixed queue, so the synthetic points (constants by design) do not move with the
        // perturbed inputs; a fresh loss per evaluation makes the same draws every time.
        var queue = SeededCases.Normal(57, 12, 4);
        int[] labels = [0, 1, 2, 3];
        int[] refLabels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        GradCheck.Check(t => new MochiLoss(0.5f, 4, 3, rng: new Rng(7))
                .Compute(t[0], labels, refEmbeddings: queue, refLabels: refLabels),
            [SeededCases.Normal(56, 4, 4)], eps: 1e-3f);
    }
}
