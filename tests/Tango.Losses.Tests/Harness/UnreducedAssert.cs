using System.Text.Json;

namespace Tango.Losses.Tests.Harness;

/// <summary>
/// Checks our unreduced sub-losses (names, types, indices, values) against PML's DoNothingReducer output.
/// </summary>
public static class UnreducedAssert
{
    /// <summary>
    /// Every sub-loss PML recorded must exist with the same reduction type, the same indices in the same order,
    /// and values within 1e-4 relative (1e-6 absolute). PML's "0" (a zero loss) must be our zero sub-loss.
    /// </summary>
    public static void Matches(ReferenceCase c, SubLosses ours)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(ours);
        var recorded = c.Unreduced ?? throw new InvalidOperationException($"{c.Name} has no unreduced losses.");
        foreach (var entry in recorded.EnumerateObject())
        {
            var sub = ours[entry.Name];
            var rec = entry.Value;
            if (rec.TryGetProperty("losses_summary", out _))
            {
                continue;
            }

            var losses = rec.GetProperty("losses");
            if (losses.ValueKind == JsonValueKind.Number && sub.IsZero)
            {
                Assert.Equal(0, losses.GetDouble());
                continue;
            }

            Assert.Equal(rec.GetProperty("reduction_type").GetString(), TypeName(sub.Reduction));
            var expected = Json.Doubles(losses);
            var actual = sub.Losses!.ToArray();
            Tolerance.Close([.. expected.Select(v => (float)v)], actual, rtol: 1e-4, atol: 1e-6,
                what: $"{c.Name} {entry.Name}");
            CheckIndices(c, entry.Name, rec.GetProperty("indices"), sub);
        }
    }

    private static void CheckIndices(ReferenceCase c, string name, JsonElement indices, SubLoss sub)
    {
        switch (sub.Reduction)
        {
            case ReductionType.Element:
                Assert.Equal(Json.Ints(indices), sub.Anchors);
                break;
            case ReductionType.PosPair or ReductionType.NegPair:
                var pair = indices.EnumerateArray().Select(Json.Ints).ToArray();
                Assert.True(pair[0].SequenceEqual(sub.Anchors!) && pair[1].SequenceEqual(sub.Others!),
                    $"{c.Name} {name}: pair indices differ from PML's.");
                break;
            case ReductionType.Triplet:
                var t = indices.EnumerateArray().Select(Json.Ints).ToArray();
                Assert.True(t[0].SequenceEqual(sub.Anchors!) && t[1].SequenceEqual(sub.Others!)
                    && t[2].SequenceEqual(sub.Negatives!), $"{c.Name} {name}: triplet indices differ from PML's.");
                break;
        }
    }

    private static string TypeName(ReductionType t) => t switch
    {
        ReductionType.Element => "element",
        ReductionType.PosPair => "pos_pair",
        ReductionType.NegPair => "neg_pair",
        ReductionType.Triplet => "triplet",
        _ => "already_reduced",
    };
}
