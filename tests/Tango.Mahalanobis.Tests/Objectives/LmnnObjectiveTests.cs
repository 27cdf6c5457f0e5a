using Tango.Mahalanobis.Numerics;
using Tango.Mahalanobis.Objectives;
using Tango.TestKit;

namespace Tango.Mahalanobis.Tests;

public class LmnnObjectiveTests
{
    // metric-learn's own _loss_grad on iris with its own target neighbours (bench/compare/lmnn_reference.py).
    [Fact]
    public void MatchesMetricLearnOnIris()
    {
        var reference = Reference.Load("lmnn_iris.json");
        var (x, y) = Datasets.Get("iris");
        var targets = reference.GetProperty("targets").EnumerateArray()
            .SelectMany(r => r.EnumerateArray().Select(v => v.GetInt32())).ToArray();
        var objective = new LmnnObjective(Dense.Flatten(x), 150, 4, y, targets, 3, 0.5);
        foreach (var point in reference.GetProperty("points").EnumerateArray())
        {
            var l = Dense.Flatten(Reference.Matrix(point.GetProperty("L")));
            var grad = new double[16];
            var (f, active) = objective.Evaluate(l, 4, grad);
            Tolerance.Close(point.GetProperty("objective").GetDouble(), f, 1e-10, 0, "objective");
            if (point.GetProperty("name").GetString() == "random")
            {
                // At L = I iris' one-decimal values put one impostor exactly on its margin; scikit-learn's rounding
                // drops it and Tango's keeps it (hinge value 0: same objective, slightly different gradient).
                Assert.Equal(point.GetProperty("active").GetInt32(), active);
                var expected = Dense.Flatten(Reference.Matrix(point.GetProperty("gradient")));
                for (int i = 0; i < 16; i++)
                {
                    Tolerance.Close(expected[i], grad[i], 1e-9, 1e-9, $"gradient[{i}]");
                }
            }
        }
    }

    [Theory]
    [InlineData(30, 4, 4, 3, 2)]
    [InlineData(80, 5, 3, 4, 3)] // more than one impostor block
    public void Gradient_MatchesFiniteDifferences(int n, int d, int c, int classes, int k)
    {
        // Random real-valued data keep the active set fixed under tiny perturbations (no ties).
        var x = GradientCheck.Random(n, d, 11, 2);
        var labels = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
        var targets = Lmnn.TargetNeighbors(x, n, d, labels, k);
        var objective = new LmnnObjective(x, n, d, labels, targets, k, 0.3);
        var l0 = GradientCheck.Random(c, d, 12, 1);
        var (_, active) = objective.Evaluate(l0, c, new double[c * d]);
        Assert.True(active > 0, "the test needs active constraints");
        GradientCheck.Check((l, g) => objective.Evaluate(l, c, g).Objective, l0, h: 1e-7, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void Value_MatchesNaiveTripletLoop()
    {
        int n = 24, d = 3, c = 3, k = 2;
        var x = GradientCheck.Random(n, d, 13, 2);
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var l = GradientCheck.Random(c, d, 14, 1);
        var targets = Lmnn.TargetNeighbors(x, n, d, labels, k);
        double mu = 0.4, expected = 0;
        double D(int a, int b) => NcaObjectiveTests.SquaredDistance(x, l, d, c, a, b);
        var radius = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, k).Max(t => 1 + D(targets[i * k + t], i)))
            .ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
            {
                int j = targets[i * k + t];
                expected += mu * D(i, j);
                for (int m = 0; m < n; m++)
                {
                    // An impostor must be within either point's margin radius to be found (metric-learn).
                    bool found = labels[m] != labels[i] && (D(i, m) < radius[i] || D(i, m) < radius[m]);
                    double hinge = 1 + D(i, j) - D(i, m);
                    expected += found && hinge > 0 ? (1 - mu) * hinge : 0;
                }
            }
        }

        var objective = new LmnnObjective(x, n, d, labels, targets, k, mu);
        Assert.Equal(expected, objective.Evaluate(l, c, new double[c * d]).Objective, 10);
    }
}
