using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class CosFaceLossTests
{
    [Theory]
    [InlineData("CosFaceLoss")]
    [InlineData("CosFaceLoss_m0.2_s30")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        ParametricReference.Check(c,
            new CosFaceLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("margin"), c.Float("scale")));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(6, 9, 5);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        var loss = new CosFaceLoss(3, 5, margin: 0.3f, scale: 10f, rng: new Rng(8));
        double expected = NaiveClassifier.MarginSoftmax(x, loss.W, labels, c => c - 0.3, (_, _) => 10);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 3, 0, 1, 2, 3, 0];
        var loss = new CosFaceLoss(4, 6, scale: 4f, rng: new Rng(3));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(9, 9, 6), loss.W], eps: 1e-3f);
    }

    [Fact]
    public void LogitsHaveNoMargin()
    {
        var x = SeededCases.Normal(2, 4, 3);
        var loss = new CosFaceLoss(2, 3, rng: new Rng(4));
        var logits = loss.Logits(x).ToArray();
        var rows = NaiveClassifier.Rows(x);
        var cols = NaiveClassifier.Columns(loss.W);
        var expected = Enumerable.Range(0, 8)
            .Select(k => (float)(64 * NaiveClassifier.Cosine(rows[k / 2], cols[k % 2])));
        Tolerance.Close([.. expected], logits, rtol: 1e-5, atol: 1e-5);
    }
}
