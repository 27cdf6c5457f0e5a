using Tango.Core;
using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

/// <summary>Dice, Tversky and Jaccard metric losses against per-class loops over soft targets.</summary>
public class OverlapLossTests
{
    private const int Rows = 6, Classes = 4;

    // Probabilities (softmax of seeded logits) and soft targets (rows of a softmax too), as double arrays.
    private static (Tensor Logits, Tensor Targets, double[,] P, double[,] G) Case(ulong seed)
    {
        var logits = SeededCases.Normal(seed, Rows, Classes);
        var targets = SeededCases.Normal(seed + 1, Rows, Classes).Mul(2f).Softmax(1).Detach();
        var p = logits.Softmax(1).ToArray();
        var g = targets.ToArray();
        var pd = new double[Rows, Classes];
        var gd = new double[Rows, Classes];
        for (int k = 0; k < p.Length; k++)
        {
            pd[k / Classes, k % Classes] = p[k];
            gd[k / Classes, k % Classes] = g[k];
        }

        return (logits, targets, pd, gd);
    }

    private static double MeanOverClasses(double[,] p, double[,] g, Func<double[], double[], double> perClass) =>
        Enumerable.Range(0, Classes).Average(c => perClass(
            [.. Enumerable.Range(0, Rows).Select(i => p[i, c])], [.. Enumerable.Range(0, Rows).Select(i => g[i, c])]));

    [Fact]
    public void DiceMatchesItsFormula()
    {
        var (logits, targets, p, g) = Case(101);
        double expected = MeanOverClasses(p, g, (x, y) =>
            1 - (2 * x.Zip(y, (a, b) => a * b).Sum() + 1) / (x.Sum() + y.Sum() + 1));
        Tolerance.Close(expected, new DiceLoss().Compute(logits, targets).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0.3f, 0.7f, 1f)]
    [InlineData(0.5f, 0.5f, 0f)]
    [InlineData(0.9f, 0.1f, 0.5f)]
    public void TverskyMatchesItsFormula(float alpha, float beta, float smooth)
    {
        var (logits, targets, p, g) = Case(102);
        double expected = MeanOverClasses(p, g, (x, y) =>
        {
            double tp = x.Zip(y, (a, b) => a * b).Sum();
            double fp = x.Zip(y, (a, b) => a * (1 - b)).Sum();
            double fn = x.Zip(y, (a, b) => (1 - a) * b).Sum();
            return 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth);
        });
        Tolerance.Close(expected, new TverskyLoss(alpha, beta, smooth).Compute(logits, targets).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(JaccardNorm.L1)]
    [InlineData(JaccardNorm.L2)]
    public void JaccardMetricLossMatchesItsFormulaWithSoftLabels(JaccardNorm norm)
    {
        var (logits, targets, p, g) = Case(103);
        Func<double, double> f = norm == JaccardNorm.L1 ? Math.Abs : v => v * v;
        double expected = MeanOverClasses(p, g, (x, y) =>
        {
            double a = x.Sum(f), b = y.Sum(f), d = x.Zip(y, (u, v) => f(u - v)).Sum();
            return 1 - ((a + b - d) / 2 + 1) / ((a + b + d) / 2 + 1);
        });
        Tolerance.Close(expected, new JaccardMetricLoss(norm).Compute(logits, targets).Item(), rtol: 1e-5);
    }

    [Fact]
    public void JaccardMetricLossIsTheSoftJaccardWithHardLabels()
    {
        var (logits, _, p, _) = Case(104);
        int[] labels = [0, 1, 3, 3, 2, 0];
        double expected = Enumerable.Range(0, Classes).Average(c =>
        {
            var x = Enumerable.Range(0, Rows).Select(i => p[i, c]).ToArray();
            var y = labels.Select(l => l == c ? 1.0 : 0.0).ToArray();
            double inter = x.Zip(y, (a, b) => a * b).Sum();
            return 1 - (inter + 1) / (x.Sum() + y.Sum() - inter + 1);
        });
        Tolerance.Close(expected, new JaccardMetricLoss().Compute(logits, labels).Item(), rtol: 1e-5);
    }

    public static TheoryData<string> Losses => ["dice", "tversky", "jml1", "jml2", "dice-probabilities"];

    private static ClassProbabilityLoss Create(string name) => name switch
    {
        "dice" => new DiceLoss(),
        "tversky" => new TverskyLoss(),
        "jml1" => new JaccardMetricLoss(),
        "jml2" => new JaccardMetricLoss(JaccardNorm.L2),
        _ => new DiceLoss(fromLogits: false),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var loss = Create(name);
        var (logits, targets, _, _) = Case(105);
        var input = loss.FromLogits ? logits : logits.Softmax(1).Detach();
        GradCheck.Check(t => loss.Compute(t[0], targets), [input], eps: 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void PermutingRowsOrClassesKeepsTheValue(string name)
    {
        var loss = Create(name);
        var (logits, targets, _, _) = Case(106);
        var input = loss.FromLogits ? logits : logits.Softmax(1).Detach();
        float value = loss.Compute(input, targets).Item();
        int[] rows = [4, 2, 0, 5, 1, 3];
        Tolerance.Close(value, loss.Compute(input.IndexSelect(0, rows), targets.IndexSelect(0, rows)).Item(),
            rtol: 1e-5);
        int[] classes = [2, 0, 3, 1];
        Tolerance.Close(value, loss.Compute(input.IndexSelect(1, classes), targets.IndexSelect(1, classes)).Item(),
            rtol: 1e-5);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void StaysFiniteOnAwkwardBatches(string name)
    {
        var loss = Create(name);
        foreach (float scale in new[] { 1e-4f, 1e4f })
        {
            var x = SeededCases.Normal(107, Rows, Classes).Mul(scale);
            x = (loss.FromLogits ? x : x.Softmax(1)).Detach();
            x.RequiresGrad = true;
            var value = loss.Compute(x, [0, 0, 0, 0, 0, 0]); // one class only
            value.Backward();
            Assert.True(float.IsFinite(value.Item()), $"{name} ×{scale}: {value.Item()}");
            Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        }

        var single = SeededCases.Normal(108, 1, 1);
        Assert.True(float.IsFinite(loss.Compute(loss.FromLogits ? single : single.Softmax(1), [0]).Item()));
        Assert.Equal(0f, new DiceLoss(fromLogits: false).Compute(Tensor.FromArray([1f, 0f, 0f, 1f], 2, 2), [0, 1])
            .Item(), 6);
    }

    [Fact]
    public void RejectsBadTargets()
    {
        var x = SeededCases.Normal(109, 2, 3);
        var ex = Assert.Throws<ArgumentException>(() => new TverskyLoss().Compute(x, Tensor.Full(1.5f, 2, 3)));
        Assert.Contains("row 0, class 0", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DiceLoss().Compute(x, Tensor.Zeros(2, 2)));
        Assert.Throws<ArgumentException>(() => new DiceLoss().Compute(x, [0, 3]));
    }
}
