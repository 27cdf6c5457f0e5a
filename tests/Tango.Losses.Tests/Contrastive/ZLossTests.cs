using Tango.Core;
using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

public class ZLossTests
{
    private static readonly int[] Labels = [0, 3, 1, 2, 2, 4];

    // de Brébisson & Vincent 2016: z = (o − μ)/σ over the classes (population σ), L = softplus(a(b − z_c))/a.
    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(0.1f, 10f)]
    [InlineData(5f, -0.5f)]
    public void MatchesThePaperFormula(float a, float b)
    {
        var o = SeededCases.Normal(91, 6, 5);
        var v = o.ToArray();
        double total = 0;
        for (int i = 0; i < 6; i++)
        {
            var row = v.Skip(i * 5).Take(5).Select(x => (double)x).ToArray();
            double mu = row.Average();
            double sigma = Math.Sqrt(row.Average(x => (x - mu) * (x - mu)));
            total += Naive.Softplus(a * (b - (row[Labels[i]] - mu) / sigma)) / a;
        }

        Tolerance.Close(total / 6, new ZLoss(a, b).Compute(o, Labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void IsShiftAndScaleInvariant()
    {
        var o = SeededCases.Normal(92, 6, 5);
        var loss = new ZLoss();
        float value = loss.Compute(o, Labels).Item();
        foreach (var (scale, shift) in new[] { (1e-4f, 0f), (1e4f, 0f), (3f, 100f), (0.5f, -7f) })
        {
            Tolerance.Close(value, loss.Compute(o.Mul(scale).Add(shift), Labels).Item(), rtol: 2e-4,
                what: $"×{scale} + {shift}");
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var loss = new ZLoss(2f, 1f);
        GradCheck.Check(t => loss.PerSample(t[0], Labels), [SeededCases.Normal(93, 6, 5)], eps: 1e-3f);
    }

    [Fact]
    public void ConstantRowsStayFiniteAndBadLabelsAreNamed()
    {
        var o = Tensor.Full(2f, 3, 4);
        o.RequiresGrad = true;
        var value = new ZLoss().Compute(o, [0, 1, 2]);
        value.Backward();
        Tolerance.Close(Naive.Softplus(1), value.Item(), rtol: 1e-6);
        Assert.All(o.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        var ex = Assert.Throws<ArgumentException>(() => new ZLoss().Compute(o, [0, 4, 1]));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ZLoss().Compute(Tensor.Zeros(2, 1), [0, 0]));
    }
}
