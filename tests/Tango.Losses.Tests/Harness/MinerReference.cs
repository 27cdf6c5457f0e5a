using System.Text.Json;
using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>A PML miner reference (Reference/pml/miners/*.json) on the shared small-set inputs.</summary>
public sealed class MinerReference
{
    private MinerReference(string name)
    {
        Name = name;
        Document = ReferenceCase.LoadDocument(Path.Combine("miners", name + ".json"));
        Indices = [.. Document.GetProperty("indices").EnumerateArray().Select(Json.Ints)];
        Counts = Json.Ints(Document.GetProperty("counts"));
        var inputs = ReferenceCase.Load("ContrastiveLoss");
        Embeddings = Tensor.FromArray(inputs.Embeddings, inputs.Rows, inputs.Dim);
        Labels = inputs.Labels;
    }

    public string Name { get; }

    public JsonElement Document { get; }

    /// <summary>PML's output: 3 arrays (a, p, n) or 4 (a1, p, a2, n).</summary>
    public int[][] Indices { get; }

    public int[] Counts { get; }

    /// <summary>The small set's embeddings (the miners' input).</summary>
    public Tensor Embeddings { get; }

    public int[] Labels { get; }

    public static MinerReference Load(string name) => new(name);

    public double Kwarg(string name) => Json.Number(Document.GetProperty("kwargs").GetProperty(name));

    /// <summary>
    /// Asserts the same set of tuples as PML (order-free), and the same order when <paramref name="sameOrder"/>.
    /// </summary>
    public void AssertSameTuples(IndexTuples mined, bool sameOrder)
    {
        int[][] ours = mined switch
        {
            TripletIndices t => [t.A, t.P, t.N],
            PairIndices p => [p.A1, p.P, p.A2, p.N],
            _ => throw new InvalidOperationException(),
        };
        Assert.Equal(Indices.Length, ours.Length);
        Assert.Equal(Counts, ours.Select(x => x.Length).ToArray());
        if (Indices.Length == 3)
        {
            Compare(Tuples(Indices, 0, 1, 2), Tuples(ours, 0, 1, 2), "triplets", sameOrder);
        }
        else
        {
            Compare(Tuples(Indices, 0, 1), Tuples(ours, 0, 1), "positive pairs", sameOrder);
            Compare(Tuples(Indices, 2, 3), Tuples(ours, 2, 3), "negative pairs", sameOrder);
        }
    }

    private void Compare(List<string> expected, List<string> actual, string what, bool sameOrder)
    {
        if (!sameOrder)
        {
            expected.Sort(StringComparer.Ordinal);
            actual.Sort(StringComparer.Ordinal);
        }

        var missing = expected.Except(actual).Take(5).ToList();
        var extra = actual.Except(expected).Take(5).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{Name} {what}: missing [{string.Join(" ", missing)}], extra [{string.Join(" ", extra)}]" +
            (missing.Count + extra.Count == 0 ? " (same set, different order)" : ""));
    }

    private static List<string> Tuples(int[][] arrays, params int[] columns) =>
        [.. Enumerable.Range(0, arrays[columns[0]].Length)
            .Select(k => string.Join(",", columns.Select(c => arrays[c][k])))];
}
