using Tango.Core;

namespace Tango.Losses.Tests.Contracts;

/// <summary>What every loss promises (STYLE: contract suites over all implementations).</summary>
public class LossContractTests
{
    private const int Rows = 12;
    private const int Dim = 5;
    private static readonly int[] Labels = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];

    public static TheoryData<LossContractCase> Cases => LossContractCases.Data();

    private static Tensor Batch(float scale = 1f, ulong seed = 21)
    {
        var x = SeededCases.Normal(seed, Rows, Dim).Mul(scale).Detach();
        x.RequiresGrad = true;
        return x;
    }

    private static float Run(LossContractCase c, Tensor x, int[] labels, IndexTuples? tuples = null)
    {
        var value = c.Create().Compute(x, labels, tuples);
        value.Backward();
        return value.Item();
    }

    private static void AssertFinite(string what, float value, Tensor x)
    {
        Assert.True(float.IsFinite(value), $"{what}: value {value}.");
        Assert.NotNull(x.Grad);
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"{what}: gradient {g}."));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoValidTuplesGiveZeroAndAZeroGradient(LossContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.AlwaysLearns)
        {
            return;
        }

        if (c.ClassifiesByLabel)
        {
            var withEmpty = Batch();
            Tolerance.Close(Run(c, Batch(), Labels), Run(c, withEmpty, Labels, PairIndices.Empty), rtol: 1e-6,
                what: $"{c.Name} empty tuples");
            AssertFinite(c.Name, 0f, withEmpty);
            return;
        }

        var x = Batch();
        float value = c.SelectsByTuples
            ? Run(c, x, Labels, PairIndices.Empty)
            : Run(c, x, [.. Enumerable.Range(0, Rows)]); // no element has a positive
        if (c.Name == "CrossBatchMemory")
        {
            // Its negatives against the memory are valid tuples; only check the gradient is well-formed.
            AssertFinite(c.Name, value, x);
            return;
        }

        Assert.Equal(0f, value);
        Assert.Equal(new float[Rows * Dim], x.Grad!.ToArray());
        if (c.SelectsByTuples)
        {
            var y = Batch();
            Assert.Equal(0f, Run(c, y, Labels, TripletIndices.Empty));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PermutingTheBatchKeepsTheValue(LossContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.PermutationInvariant)
        {
            return;
        }

        int[] perm = [5, 2, 11, 0, 7, 3, 9, 1, 10, 4, 8, 6];
        var x = Batch();
        float value = Run(c, x, Labels);
        var permuted = x.Detach().IndexSelect(0, perm);
        permuted.RequiresGrad = true;
        float again = Run(c, permuted, [.. perm.Select(i => Labels[i])]);
        Tolerance.Close(value, again, rtol: 2e-5, atol: 1e-6, what: $"{c.Name} permuted");
        // The gradient permutes with the rows.
        var g = x.Grad!.ToArray();
        var gp = permuted.Grad!.ToArray();
        for (int i = 0; i < Rows; i++)
        {
            Tolerance.Close(g.AsSpan(perm[i] * Dim, Dim), gp.AsSpan(i * Dim, Dim), rtol: 1e-3, atol: 1e-6,
                what: $"{c.Name} gradient row {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RenamingLabelsKeepsTheValue(LossContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.LabelRenamingInvariant)
        {
            return;
        }

        float value = Run(c, Batch(), Labels);
        float renamed = Run(c, Batch(), [.. Labels.Select(l => 1000 - 7 * l)]);
        Tolerance.Close(value, renamed, rtol: 1e-6, atol: 1e-7, what: $"{c.Name} renamed");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StaysFiniteOnAwkwardBatches(LossContractCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        foreach (float scale in new[] { 1e-4f, 1e4f })
        {
            var x = Batch(scale);
            AssertFinite($"{c.Name} ×{scale}", Run(c, x, Labels), x);
        }

        var one = Batch();
        AssertFinite($"{c.Name} one class", Run(c, one, new int[Rows]), one);
        var singletons = Batch();
        AssertFinite($"{c.Name} singleton classes", Run(c, singletons, [.. Enumerable.Range(0, Rows)]), singletons);
        var duplicates = SeededCases.Normal(3, 1, Dim).IndexSelect(0, new int[Rows]).Detach();
        duplicates.RequiresGrad = true;
        AssertFinite($"{c.Name} identical rows", Run(c, duplicates, Labels), duplicates);
    }
}
