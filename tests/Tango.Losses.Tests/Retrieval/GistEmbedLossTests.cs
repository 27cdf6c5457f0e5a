using Tango.Core;
using Tango.Losses.Retrieval;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>GISTEmbed beyond the reference cases: gradients, the guide's veto, degenerate batches.</summary>
public sealed class GistEmbedLossTests
{
    private static Tensor[] Columns(ulong seed, int count, int n, int d = 5) =>
        [.. Enumerable.Range(0, count).Select(k => SeededCases.Normal(seed + (ulong)k, n, d))];

    [Theory]
    [InlineData(GistMarginStrategy.Absolute, 0.1f, 2)]
    [InlineData(GistMarginStrategy.Relative, 0.2f, 3)]
    public void Gradient_matches_finite_differences(GistMarginStrategy strategy, float margin, int count)
    {
        var columns = Columns(300, count, 6);
        var guide = Columns(400, count, 6, d: 4);
        var loss = new GistEmbedLoss(temperature: 0.2f, marginStrategy: strategy, margin: margin);
        GradCheck.Check(x => loss.Compute(x, guide), columns, eps: 1e-3f, rtol: 2e-2, atol: 2e-3);
    }

    [Fact]
    public void Equals_a_plain_loop_with_a_planted_false_negative()
    {
        // The guide sees positive 3 as anchor 0 itself, so (a_0, p_3) is vetoed; pairs only (no a-a, p-p blocks).
        const int n = 5;
        const float tau = 0.5f, margin = 0.05f;
        var columns = Columns(500, 2, n);
        var guide = Columns(600, 2, n);
        guide[0].Span.Slice(0, 5).CopyTo(guide[1].Span.Slice(15, 5));
        var loss = new GistEmbedLoss(tau, GistMarginStrategy.Absolute, margin, false, false);
        double expected = 0;
        int vetoed = 0;
        for (int i = 0; i < n; i++)
        {
            double threshold = Cos(guide[0], i, guide[1], i) - margin;
            var logits = new List<double>();
            for (int j = 0; j < n; j++)
            {
                bool veto = j != i && Cos(guide[0], i, guide[1], j) > threshold;
                vetoed += veto ? 1 : 0;
                if (!veto)
                {
                    logits.Add(Cos(columns[0], i, columns[1], j) / tau);
                }
            }

            double max = logits.Max();
            expected += max + Math.Log(logits.Sum(v => Math.Exp(v - max))) - Cos(columns[0], i, columns[1], i) / tau;
        }

        Assert.True(vetoed >= 1, "The planted false negative must be vetoed.");
        Tolerance.Close(expected / n, loss.Compute(columns, guide).Item(), rtol: 1e-5, atol: 1e-6);
    }

    private static double Cos(Tensor a, int i, Tensor b, int j)
    {
        int d = a.Dim(1);
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < d; k++)
        {
            double x = a[i, k], y = b[j, k];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }

        return dot / Math.Sqrt(na * nb);
    }

    [Fact]
    public void Empty_and_extreme_batches_stay_finite()
    {
        var loss = new GistEmbedLoss();
        var empty = Columns(700, 3, 0);
        foreach (var c in empty)
        {
            c.RequiresGrad = true;
        }

        var value = loss.Compute(empty, Columns(710, 3, 0));
        Assert.Equal(0f, value.Item());
        foreach (float scale in new[] { 0f, 1e-4f, 1e4f })
        {
            var columns = Columns(720, 3, 6).Select(c => c.Mul(scale)).ToArray();
            foreach (var c in columns)
            {
                c.RequiresGrad = true;
            }

            var v = loss.Compute(columns, Columns(730, 3, 6));
            Assert.True(float.IsFinite(v.Item()), $"×{scale}: {v.Item()}");
            v.Backward();
            Assert.All(columns, c => Assert.All(c.Grad!.ToArray(), g => Assert.True(float.IsFinite(g))));
        }
    }
}
