using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class CwclLossTests
{
    // Srinivasa et al. 2023: w_ij = (1 + cos(q_i, q_j))/2; L = −(1/n) Σ_i Σ_j w_ij log softmax_j(cos(p_i, q_j)/τ)
    // / Σ_j w_ij, and the column direction likewise; symmetric = their mean.
    private static double Expected(Tensor p, Tensor q, Tensor weightsFrom, double tau, bool symmetric)
    {
        int n = p.Dim(0);
        var l = NaiveDistances.Dot(p, true, q);
        var w = NaiveDistances.Dot(weightsFrom, true);
        double rows = 0, cols = 0;
        for (int i = 0; i < n; i++)
        {
            double rowLse = Naive.LogSumExp(Enumerable.Range(0, n).Select(j => l[i, j] / tau));
            double colLse = Naive.LogSumExp(Enumerable.Range(0, n).Select(k => l[k, i] / tau));
            double rowW = Enumerable.Range(0, n).Sum(j => (1 + w[i, j]) / 2);
            double colW = Enumerable.Range(0, n).Sum(k => (1 + w[k, i]) / 2);
            for (int j = 0; j < n; j++)
            {
                rows -= (1 + w[i, j]) / 2 * (l[i, j] / tau - rowLse) / rowW;
                cols -= (1 + w[j, i]) / 2 * (l[j, i] / tau - colLse) / colW;
            }
        }

        return symmetric ? (rows + cols) / (2 * n) : rows / n;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MatchesThePaperFormula(bool symmetric)
    {
        var p = SeededCases.Normal(71, 6, 4);
        var q = SeededCases.Normal(72, 6, 4);
        Tolerance.Close(Expected(p, q, q, 0.1, symmetric), new CwclLoss(0.1f, symmetric).Compute(p, q).Item(),
            rtol: 1e-5);
    }

    [Fact]
    public void TakesWeightsFromAnotherTowerWhenGiven()
    {
        var p = SeededCases.Normal(73, 5, 4);
        var q = SeededCases.Normal(74, 5, 4);
        var guide = SeededCases.Normal(75, 5, 7);
        Tolerance.Close(Expected(p, q, guide, 0.07, true), new CwclLoss().Compute(p, q, guide).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var q = SeededCases.Normal(76, 6, 4);
        var loss = new CwclLoss(0.5f);
        GradCheck.Check(t => loss.Compute(t[0], q), [SeededCases.Normal(77, 6, 4)], eps: 1e-3f);
        GradCheck.Check(t => loss.Compute(t[0], t[1], q), [SeededCases.Normal(78, 6, 4), SeededCases.Normal(79, 6, 4)],
            eps: 1e-3f);
    }

    [Fact]
    public void PermutingSamplesKeepsTheValueAndStaysFinite()
    {
        int[] perm = [3, 0, 5, 1, 4, 2];
        var p = SeededCases.Normal(80, 6, 4);
        var q = SeededCases.Normal(81, 6, 4);
        var loss = new CwclLoss();
        Tolerance.Close(loss.Compute(p, q).Item(), loss.Compute(p.IndexSelect(0, perm), q.IndexSelect(0, perm))
            .Item(), rtol: 1e-5);
        foreach (float scale in new[] { 1e-4f, 1e4f })
        {
            var x = p.Mul(scale).Detach();
            x.RequiresGrad = true;
            var value = loss.Compute(x, q.Mul(scale));
            value.Backward();
            Assert.True(float.IsFinite(value.Item()));
            Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        }

        Assert.Equal(0f, loss.Compute(p.Slice(0, 0, 1), q.Slice(0, 0, 1)).Item(), 6);
        Assert.Throws<ArgumentException>(() => loss.Compute(p, SeededCases.Normal(1, 5, 4)));
    }
}
