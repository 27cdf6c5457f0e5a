using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class AlignmentUniformityLossTests
{
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 3, 3];

    // Wang & Isola 2020: E_pos ‖x − y‖^α + λ·log E_{i≠j} e^{−t‖x_i − x_j‖²}, normalised rows.
    [Theory]
    [InlineData(2f, 2f, 1f)]
    [InlineData(1.5f, 3f, 0.5f)]
    public void MatchesThePaperFormula(float alpha, float t, float lambda)
    {
        var x = SeededCases.Normal(21, 8, 5);
        var d = NaiveDistances.Euclidean(x, normalize: true);
        var align = new List<double>();
        var uniform = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                if (i == j)
                {
                    continue;
                }

                uniform.Add(-t * d[i, j] * d[i, j]);
                if (Labels[i] == Labels[j])
                {
                    align.Add(Math.Pow(d[i, j], alpha));
                }
            }
        }

        double expected = align.Average() + lambda * (Naive.LogSumExp(uniform) - Math.Log(uniform.Count));
        var loss = new AlignmentUniformityLoss(alpha, t, lambda);
        Tolerance.Close(expected, loss.Compute(x, Labels).Item(), rtol: 1e-5, atol: 1e-6);
        var parts = loss.ComputeUnreduced(x, Labels);
        Assert.Equal(["align_loss", "uniform_loss"], parts.Select(p => p.Name));
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(1.5f)]
    public void GradientMatchesFiniteDifferences(float alpha)
    {
        var loss = new AlignmentUniformityLoss(alpha);
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(22, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void CoincidingPositivesHaveAFiniteGradient()
    {
        var row = SeededCases.Normal(2, 1, 4);
        var x = Tensor.Concat([row, row, SeededCases.Normal(3, 2, 4)], 0).Detach();
        x.RequiresGrad = true;
        var value = new AlignmentUniformityLoss(alpha: 1f).Compute(x, [0, 0, 1, 2]);
        value.Backward();
        Assert.True(float.IsFinite(value.Item()));
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    // The paper's two-view form: mean_i ‖x_i − y_i‖^α + λ·(L_uniform(x) + L_uniform(y))/2.
    [Fact]
    public void MatchesThePaperTwoViewFormAsymmetrically()
    {
        var x = SeededCases.Normal(23, 6, 4);
        var y = SeededCases.Normal(24, 6, 4);
        var cross = NaiveDistances.Euclidean(x, true, y);
        double Uniform(double[,] d) => Naive.LogSumExp(Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 6)
            .Where(j => j != i).Select(j => -2 * d[i, j] * d[i, j]))) - Math.Log(30);
        double expected = Enumerable.Range(0, 6).Average(i => Math.Pow(cross[i, i], 1.5)) +
            0.5 * (Uniform(NaiveDistances.Euclidean(x, true)) + Uniform(NaiveDistances.Euclidean(y, true)));
        var loss = new SelfSupervisedLoss(new AlignmentUniformityLoss(alpha: 1.5f), symmetric: false);
        Tolerance.Close(expected, loss.Compute(x, y).Item(), rtol: 1e-5);
        GradCheck.Check(t => loss.Compute(t[0], t[1]), [SeededCases.Normal(25, 6, 4), SeededCases.Normal(26, 6, 4)],
            eps: 1e-3f);
    }
}
