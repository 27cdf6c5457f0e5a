using Tango.Core;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class VicRegLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("VICRegLoss");
        var x = c.EmbeddingTensor();
        var r = c.RefEmbeddingTensor();
        var loss = new VicRegLoss((float)c.Kwarg("invariance_lambda"), (float)c.Kwarg("variance_mu"),
            (float)c.Kwarg("covariance_v"), (float)c.Kwarg("eps"));
        var value = loss.Compute(x, refEmbeddings: r);
        value.Backward();
        ReferenceAssert.Loss(c, value.Item());
        ReferenceAssert.Gradient(c, c.Grad64!, x.Grad!.ToArray(), "grad_embeddings");
        ReferenceAssert.Gradient(c, c.GradRef64!, r.Grad!.ToArray(), "grad_ref_emb");
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(x, refEmbeddings: r));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(2, 6, 3).ToArray2D();
        var y = SeededCases.Normal(3, 6, 3).ToArray2D();
        double invariance = 0, variance = 0, covariance = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                invariance += Math.Pow(x[i, k] - y[i, k], 2) / 3 / 6;
            }
        }

        foreach (var z in new[] { x, y })
        {
            var mean = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, 6).Average(i => z[i, k])).ToArray();
            for (int k = 0; k < 3; k++)
            {
                double var = Enumerable.Range(0, 6).Sum(i => Math.Pow(z[i, k] - mean[k], 2)) / 5;
                variance += Math.Max(0, 1 - Math.Sqrt(var + 1e-4)) / 2 / 3;
                for (int l = 0; l < 3; l++)
                {
                    double cov = Enumerable.Range(0, 6).Sum(i => (z[i, k] - mean[k]) * (z[i, l] - mean[l])) / 5;
                    covariance += k == l ? 0 : cov * cov / 3;
                }
            }
        }

        double expected = 2 * invariance + 3 * variance + 0.5 * covariance;
        var value = new VicRegLoss(2f, 3f, 0.5f).Compute(Tensor.FromArray(x), refEmbeddings: Tensor.FromArray(y));
        Tolerance.Close(expected, value.Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // Scaled so some dimensions have a standard deviation below 1 (the variance hinge is active).
        // Unit weights keep the loss small enough for float32 central differences.
        var loss = new VicRegLoss(1f, 1f, 1f, reducer: new SumReducer());
        GradCheck.Check(t => loss.Compute(t[0], refEmbeddings: t[1]),
            [SeededCases.Normal(4, 6, 4).Mul(0.7f).Detach(), SeededCases.Normal(5, 6, 4).Mul(1.3f).Detach()],
            eps: 1e-3f);
    }

    [Fact]
    public void RejectsLabelsAndMissingViews()
    {
        var x = SeededCases.Normal(1, 4, 3);
        var loss = new VicRegLoss();
        Assert.Throws<ArgumentException>(() => loss.Compute(x));
        Assert.Throws<ArgumentException>(() => loss.Compute(x, [0, 1, 0, 1], refEmbeddings: x));
        Assert.Throws<ArgumentException>(() => loss.Compute(x, refEmbeddings: SeededCases.Normal(2, 5, 3)));
        Assert.Throws<ArgumentException>(() => loss.Compute(x.Slice(0, 0, 1), refEmbeddings: x.Slice(0, 1, 1)));
    }
}
