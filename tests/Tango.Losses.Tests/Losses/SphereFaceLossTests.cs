using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SphereFaceLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("SphereFaceLoss");
        ParametricReference.Check(c,
            new SphereFaceLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Int("margin"), c.Float("scale")));
    }

    [Fact]
    public void ScalesByTheEmbeddingNormOnly()
    {
        var x = SeededCases.Normal(5, 8, 4);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var loss = new SphereFaceLoss(3, 4, margin: 2, scale: 1.5f, rng: new Rng(3));
        var rows = NaiveClassifier.Rows(x);
        double expected = NaiveClassifier.MarginSoftmax(x, loss.W, labels, c =>
        {
            int k = (int)Math.Floor(Math.Acos(c) * 2 / Math.PI);
            return ((k % 2 == 0) ? 1 : -1) * (2 * c * c - 1) - 2 * k;
        }, (i, _) => 1.5 * NaiveClassifier.Norm(rows[i]));
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
        // Rescaling a class weight changes nothing.
        var w = loss.W.ToArray();
        loss.LoadParameter("W", [.. w.Select((v, k) => k % 3 == 1 ? 5 * v : v)]);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        var loss = new SphereFaceLoss(3, 4, scale: 0.5f, rng: new Rng(1));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(8, 9, 4), loss.W], eps: 1e-3f);
    }
}
