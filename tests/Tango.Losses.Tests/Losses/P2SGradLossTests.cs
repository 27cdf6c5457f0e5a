using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class P2SGradLossTests
{
    [Fact]
    public void MatchesPml()
    {
        // PML renormalises the stored (pre-renorm) weight inside the call; the gradient is at the renormed weight.
        var c = ReferenceCase.Load("P2SGradLoss");
        ParametricReference.Check(c, new P2SGradLoss(c.Int("num_classes"), c.Int("descriptors_dim")));
    }

    [Fact]
    public void MatchesNaiveLoopAndLeavesUnitColumns()
    {
        var x = SeededCases.Normal(3, 5, 4);
        int[] labels = [0, 1, 2, 1, 0];
        var loss = new P2SGradLoss(3, 4, rng: new Rng(2));
        loss.LoadParameter("weight", [.. SeededCases.Normal(8, 4, 3).ToArray().Select(v => 3 * v)]);
        float value = loss.Compute(x, labels).Item();
        var rows = NaiveClassifier.Rows(x);
        var cols = NaiveClassifier.Columns(loss.Weight);
        Assert.All(cols, col => Assert.Equal(1.0, NaiveClassifier.Norm(col), 1e-5));
        double sum = 0;
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double cos = Math.Clamp(NaiveClassifier.Cosine(rows[i], cols[j]), -1, 1);
                sum += Math.Pow(cos - (labels[i] == j ? 1 : 0), 2);
            }
        }

        Tolerance.Close(sum / 15, value, rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var loss = new P2SGradLoss(3, 5, rng: new Rng(4));
        // The weight is renormalised before each call, so only the embedding gradient is a plain derivative.
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(7, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void RejectsTuples()
    {
        var loss = new P2SGradLoss(2, 3);
        var ex = Assert.Throws<ArgumentException>(() =>
            loss.Compute(SeededCases.Normal(1, 4, 3), [0, 1, 0, 1], new PairIndices([0], [2], [0], [1])));
        Assert.Contains("tuples", ex.Message, StringComparison.Ordinal);
    }
}
