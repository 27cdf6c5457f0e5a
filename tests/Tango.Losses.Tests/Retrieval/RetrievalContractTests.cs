using Tango.Core;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// Contracts every column loss keeps: an empty batch gives a finite value and a gradient, degenerate (all-zero)
/// embeddings give finite values, extreme scales give no NaN or ∞, and permuting the rows (with their labels)
/// changes nothing.
/// </summary>
public sealed class RetrievalContractTests
{
    private static Tensor[] Columns(RetrievalCase c, int n, ulong seed, float scale = 1f) =>
        [.. Enumerable.Range(0, c.Columns).Select(k =>
        {
            var t = SeededCases.Normal(seed + (ulong)k, n, 6);
            System.Numerics.Tensors.TensorPrimitives.Multiply(t.Span, scale, t.Span);
            t.RequiresGrad = true;
            return t;
        })];

    private static void AssertFinite(string name, Tensor value, Tensor[] columns)
    {
        Assert.True(float.IsFinite(value.Item()), $"{name}: loss {value.Item()}.");
        value.Backward();
        foreach (var col in columns)
        {
            Assert.NotNull(col.Grad);
            Assert.All(col.Grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"{name}: gradient {g}."));
        }
    }

    [Theory]
    [MemberData(nameof(RetrievalLossCases.Names), MemberType = typeof(RetrievalLossCases))]
    public void Empty_batch_gives_zero_and_a_gradient(string name)
    {
        var c = RetrievalLossCases.Get(name);
        var columns = Columns(c, 0, 1);
        var value = c.Create().Compute(columns, c.Labels(0));
        AssertFinite(name, value, columns);
        Assert.Equal(0f, value.Item());
    }

    [Theory]
    [MemberData(nameof(RetrievalLossCases.Names), MemberType = typeof(RetrievalLossCases))]
    public void Zero_embeddings_give_finite_values(string name)
    {
        var c = RetrievalLossCases.Get(name);
        var columns = Columns(c, 4, 1, scale: 0f);
        AssertFinite(name, c.Create().Compute(columns, c.Labels(4)), columns);
    }

    [Theory]
    [MemberData(nameof(RetrievalLossCases.Names), MemberType = typeof(RetrievalLossCases))]
    public void Tiny_and_huge_embeddings_stay_finite(string name)
    {
        var c = RetrievalLossCases.Get(name);
        foreach (float scale in new[] { 1e-4f, 1e4f })
        {
            var columns = Columns(c, 8, 7, scale);
            AssertFinite($"{name} ×{scale}", c.Create().Compute(columns, c.Labels(8)), columns);
        }
    }

    [Theory]
    [MemberData(nameof(RetrievalLossCases.Names), MemberType = typeof(RetrievalLossCases))]
    public void Permuting_rows_changes_nothing(string name)
    {
        var c = RetrievalLossCases.Get(name);
        const int n = 8;
        var columns = Columns(c, n, 21);
        var labels = c.Labels(n);
        int[] perm = [5, 2, 7, 0, 3, 6, 1, 4];
        var permuted = columns.Select(t => t.IndexSelect(0, perm)).ToArray();
        var permutedLabels = labels?.IndexSelect(0, perm);
        float expected = c.Create().Compute(columns, labels).Item();
        float actual = c.Create().Compute(permuted, permutedLabels).Item();
        Tolerance.Close(expected, actual, rtol: 1e-5, atol: 1e-6, what: name);
    }
}
