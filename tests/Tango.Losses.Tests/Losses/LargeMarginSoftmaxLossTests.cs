using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class LargeMarginSoftmaxLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("LargeMarginSoftmaxLoss");
        ParametricReference.Check(c, new LargeMarginSoftmaxLoss(c.Int("num_classes"), c.Int("embedding_size"),
            c.Int("margin"), c.Float("scale")));
    }

    // ψ(θ) = (−1)^k cos(mθ) − 2k with k = ⌊mθ/π⌋, computed from the angle itself (not the polynomial).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MatchesNaiveLoop(int margin)
    {
        var x = SeededCases.Normal(1, 10, 4);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
        var loss = new LargeMarginSoftmaxLoss(3, 4, margin, scale: 0.7f, rng: new Rng(2));
        var rows = NaiveClassifier.Rows(x);
        var cols = NaiveClassifier.Columns(loss.W);
        double expected = NaiveClassifier.MarginSoftmax(x, loss.W, labels, c =>
        {
            double theta = Math.Acos(c);
            int k = (int)Math.Floor(theta * margin / Math.PI);
            return ((k % 2 == 0) ? 1 : -1) * Math.Cos(margin * theta) - 2 * k;
        }, (i, j) => 0.7 * NaiveClassifier.Norm(rows[i]) * NaiveClassifier.Norm(cols[j]));
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void GradientMatchesFiniteDifferences(int margin)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var loss = new LargeMarginSoftmaxLoss(3, 5, margin, scale: 0.5f, rng: new Rng(6));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(2, 8, 5), loss.W], eps: 1e-3f);
    }

    [Fact]
    public void RejectsNonPositiveMargin() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LargeMarginSoftmaxLoss(3, 4, margin: 0));
}
