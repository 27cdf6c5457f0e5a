using Tango.Core;

namespace Tango.Losses.Tests.Losses;

/// <summary>
/// The loss contract over the ranking, histogram and self-supervised losses: a batch with nothing to learn from
/// gives 0 and a zero gradient; the value does not depend on the batch order or on the label names (where the
/// loss's definition allows: see <see cref="Case"/>); no NaN or infinity for tiny or huge embeddings, one class,
/// or classes of one member.
/// </summary>
public class RankingLossContractTests
{
    /// <summary>
    /// A loss under contract. <paramref name="Empty"/>: labels of a batch with nothing to learn from (null: the
    /// loss always has something — a cross-entropy, a proxy graph, VICReg's variance terms). Losses in which every
    /// negative counts even without positives (RankedList, TCM) have nothing only with a lone embedding. <paramref name="OrderFree"/>: invariant under a batch
    /// permutation (NPairs takes the first pair per label, so it is not). <paramref name="NameFree"/>: invariant
    /// under label renaming (Instance reads the label's rank as a column, Manifold the label as a proxy index).
    /// </summary>
    public sealed record Case(string Name, Func<Tensor, int[], Tensor> Compute, Func<int, int[]>? Empty,
        bool OrderFree = true, bool NameFree = true)
    {
        public override string ToString() => Name;
    }

    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 3];

    private static readonly Case[] All =
    [
        new("Angular", (x, l) => new AngularLoss().Compute(x, l), Distinct),
        new("DynamicSoftMargin", (x, l) => new DynamicSoftMarginLoss().Compute(x, l), Distinct),
        new("FastAP", (x, l) => new FastApLoss().Compute(x, l), Distinct),
        new("Histogram", (x, l) => new HistogramLoss().Compute(x, l), Distinct),
        new("Instance", (x, l) => new InstanceLoss().Compute(x, l), null, NameFree: false, OrderFree: false),
        new("Manifold", (x, l) => Manifold(x, l), null, NameFree: false),
        new("NPairs", (x, l) => new NPairsLoss().Compute(x, l), Distinct, OrderFree: false),
        new("PNP-Ds", (x, l) => new PnpLoss(variant: PnpVariant.Ds).Compute(x, l), Distinct),
        new("PNP-Dq", (x, l) => new PnpLoss(variant: PnpVariant.Dq).Compute(x, l), Distinct),
        new("PNP-Iu", (x, l) => new PnpLoss(variant: PnpVariant.Iu).Compute(x, l), Distinct),
        new("PNP-Ib", (x, l) => new PnpLoss(variant: PnpVariant.Ib).Compute(x, l), Distinct),
        new("PNP-O", (x, l) => new PnpLoss().Compute(x, l), Distinct),
        new("RankedList", (x, l) => new RankedListLoss(0.4f, 10f).Compute(x, l), _ => [0]),
        new("ThresholdConsistentMargin", (x, l) => new ThresholdConsistentMarginLoss().Compute(x, l), _ => [0]),
        new("VICReg", (x, l) => new VicRegLoss().Compute(x, refEmbeddings: SecondView(x)), null),
    ];

    public static TheoryData<Case> Cases => [.. All];

    public static TheoryData<Case> CasesWithAnEmptyBatch => [.. All.Where(c => c.Empty is not null)];

    [Theory]
    [MemberData(nameof(CasesWithAnEmptyBatch))]
    public void NothingToLearnFromGivesZeroAndAZeroGradient(Case c)
    {
        int[] labels = c.Empty!(6);
        var x = SeededCases.Normal(11, labels.Length, 5);
        x.RequiresGrad = true;
        var value = c.Compute(x, labels);
        value.Backward();
        Assert.Equal(0f, value.Item());
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsInvariantUnderPermutationAndRenaming(Case c)
    {
        var x = SeededCases.Normal(12, Labels.Length, 5);
        float value = c.Compute(x, Labels).Item();
        if (c.OrderFree)
        {
            int[] order = [7, 2, 9, 0, 4, 1, 8, 3, 6, 5];
            var permuted = c.Compute(x.IndexSelect(0, order), [.. order.Select(i => Labels[i])]).Item();
            Tolerance.Close(value, permuted, rtol: 1e-5, atol: 1e-6, what: $"{c} permuted");
        }

        if (c.NameFree)
        {
            var renamed = c.Compute(x, [.. Labels.Select(l => 40 - 7 * l)]).Item();
            Tolerance.Close(value, renamed, rtol: 1e-5, atol: 1e-6, what: $"{c} renamed");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StaysFiniteOnAwkwardBatches(Case c)
    {
        var x = SeededCases.Normal(13, Labels.Length, 5);
        foreach (var (scale, labels) in new[]
        {
            (1e-4f, Labels), (1e4f, Labels), (1f, new int[Labels.Length]),
            (1f, Enumerable.Range(0, Labels.Length).ToArray()),
        })
        {
            var e = x.Mul(scale).Detach();
            e.RequiresGrad = true;
            var value = c.Compute(e, labels);
            value.Backward();
            Assert.True(float.IsFinite(value.Item()), $"{c} at scale {scale}: {value.Item()}");
            Assert.All(e.Grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"{c} at scale {scale}: gradient {g}"));
        }
    }

    private static int[] Distinct(int n) => Enumerable.Range(0, n).ToArray();

    // The labels are meta-classes in [0, K): renaming maps them into range.
    private static Tensor Manifold(Tensor x, int[] labels)
    {
        var distinct = labels.Distinct().Order().ToArray();
        var loss = new ManifoldLoss(x.Dim(1), numProxies: Math.Max(distinct.Length, 1), rng: new Rng(4));
        return loss.Compute(x, [.. labels.Select(l => Array.BinarySearch(distinct, l))]);
    }

    // A second view that is a function of each row alone, so it follows the rows when they are permuted.
    private static Tensor SecondView(Tensor x) => x.Mul(0.8f).Add(x.Square().Mul(0.3f)).Detach();
}
