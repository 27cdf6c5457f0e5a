using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Tests.Losses;

/// <summary>
/// Properties of the losses with class parameters beyond the shared contract suite (Contracts/): labels index the
/// class parameters, so renaming labels is an invariance only together with the same permutation of the classes'
/// weights (or proxies, or centres); a single class; seeded initialisation; label and dimension checks; the
/// benchmark size.
/// </summary>
public class ProxyLossContractTests
{
    /// <summary>How to build a loss and where its per-class parameter keeps the classes.</summary>
    /// <param name="Create">(classes, dim, rng) → loss.</param>
    /// <param name="Param">The parameter holding one group per class.</param>
    /// <param name="ClassAxis">0: classes are row groups; 1: column groups.</param>
    /// <param name="Group">Rows or columns per class.</param>
    public sealed record Kind(Func<int, int, Rng, ParametricLoss> Create, string Param, int ClassAxis, int Group = 1);

    public static readonly Dictionary<string, Kind> Kinds = new()
    {
        ["ArcFace"] = new((c, d, r) => new ArcFaceLoss(c, d, rng: r), "W", 1),
        ["ArcFaceRegularFace"] = new((c, d, r) =>
            new ArcFaceLoss(c, d, weightRegularizer: new RegularFaceRegularizer(), rng: r), "W", 1),
        ["CosFace"] = new((c, d, r) => new CosFaceLoss(c, d, rng: r), "W", 1),
        ["SphereFace"] = new((c, d, r) => new SphereFaceLoss(c, d, rng: r), "W", 1),
        ["LargeMarginSoftmax"] = new((c, d, r) => new LargeMarginSoftmaxLoss(c, d, rng: r), "W", 1),
        ["NormalizedSoftmax"] = new((c, d, r) => new NormalizedSoftmaxLoss(c, d, rng: r), "W", 1),
        ["NormalizedSoftmaxL2"] = new((c, d, r) => new NormalizedSoftmaxLoss(c, d, distance: new LpDistance(), rng: r),
            "W", 1),
        ["ProxyNca"] = new((c, d, r) => new ProxyNcaLoss(c, d, rng: r), "proxies", 0),
        ["ProxyNcaCosine"] =
            new((c, d, r) => new ProxyNcaLoss(c, d, 8f, new CosineSimilarity(), rng: r), "proxies", 0),
        ["ProxyAnchor"] = new((c, d, r) => new ProxyAnchorLoss(c, d, rng: r), "proxies", 0),
        ["ProxyAnchorL2"] = new((c, d, r) => new ProxyAnchorLoss(c, d, distance: new LpDistance(), rng: r), "proxies", 0),
        ["SoftTriple"] = new((c, d, r) => new SoftTripleLoss(c, d, centersPerClass: 3, rng: r), "fc", 1, 3),
        ["SoftTripleSparseCenters"] = new((c, d, r) => new SoftTripleLoss(c, d, centersPerClass: 3,
            weightRegularizer: new SparseCentersRegularizer(c, 3), rng: r), "fc", 1, 3),
        ["SubCenterArcFace"] = new((c, d, r) => new SubCenterArcFaceLoss(c, d, subCenters: 2, rng: r), "W", 1, 2),
        ["P2SGrad"] = new((c, d, r) => new P2SGradLoss(c, d, rng: r), "weight", 1),
    };

    public static TheoryData<string> Names => [.. Kinds.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void InvariantUnderClassRenamingWithItsParameters(string name)
    {
        var (x, labels) = Batch(12, 6, seed: 2);
        int[] rename = [2, 0, 3, 1];
        var kind = Kinds[name];
        var loss = kind.Create(4, 6, new Rng(3));
        var renamed = kind.Create(4, 6, new Rng(99));
        renamed.LoadParameter(kind.Param, PermuteClasses(loss.Parameter(kind.Param), rename, kind));
        float a = loss.Compute(x, labels).Item();
        float b = renamed.Compute(x, [.. labels.Select(l => rename[l])]).Item();
        Tolerance.Close(a, b, rtol: 1e-5, what: name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FiniteAtExtremeScalesOneClassAndSingletons(string name)
    {
        var (x, labels) = Batch(10, 5, seed: 4);
        foreach (float scale in new[] { 1e-4f, 1e4f })
        {
            AssertFinite(name, x.Mul(scale).Detach(), labels, 4, $"×{scale}");
        }

        AssertFinite(name, x, [.. labels.Select(_ => 0)], 1, "one class");
        AssertFinite(name, x, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10, "classes of one member");
        AssertFinite(name, x, [.. labels.Select(_ => 2)], 4, "one class of four present");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RejectsLabelsOutsideTheClassesAndWrongDimension(string name)
    {
        var x = SeededCases.Normal(5, 6, 5);
        int[] labels = [0, 1, 2, 0, 3, 1];
        var loss = Kinds[name].Create(3, 5, new Rng(1));
        var ex = Assert.Throws<ArgumentException>(() => loss.Compute(x, labels));
        Assert.Contains("label 3 at position 4", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => loss.Compute(SeededCases.Normal(1, 6, 4), [0, 0, 1, 1, 2, 2]));
        Assert.Contains("(batch, 5)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => loss.Compute(x, null));
        Assert.Throws<ArgumentException>(() => loss.Compute(x, [0, 0, 1, 1, 2, 2], refEmbeddings: x));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedSameParametersAndOnlyTheirOwn(string name)
    {
        var kind = Kinds[name];
        var a = kind.Create(5, 7, new Rng(42));
        var b = kind.Create(5, 7, new Rng(42));
        var c = kind.Create(5, 7, new Rng(43));
        Assert.Equal(a.Parameter(kind.Param).ToArray(), b.Parameter(kind.Param).ToArray());
        Assert.NotEqual(a.Parameter(kind.Param).ToArray(), c.Parameter(kind.Param).ToArray());
        Assert.Single(a.Parameters());
        Assert.True(a.Parameter(kind.Param).RequiresGrad);
    }

    // The benchmark size: O(batch × classes) memory, nothing quadratic. The small cases above cover the same code.
    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Names))]
    public void RunsAtBatch1024Dim512(string name)
    {
        var x = SeededCases.Normal(8, 1024, 512);
        x.RequiresGrad = true;
        var loss = Kinds[name].Create(128, 512, new Rng(1));
        var value = loss.Compute(x, [.. Enumerable.Range(0, 1024).Select(i => i % 128)]);
        value.Backward();
        Assert.True(float.IsFinite(value.Item()));
        Assert.Equal(1024 * 512, x.Grad!.Size);
    }

    private static void AssertFinite(string name, Tensor x, int[] labels, int classes, string what)
    {
        var loss = Kinds[name].Create(classes, x.Dim(1), new Rng(7));
        var leaf = x.Detach();
        leaf.RequiresGrad = true;
        var value = loss.Compute(leaf, labels);
        value.Backward();
        Assert.True(float.IsFinite(value.Item()), $"{name} {what}: loss {value.Item()}");
        Assert.True(leaf.Grad!.ToArray().All(float.IsFinite), $"{name} {what}: embedding gradient not finite");
        var p = loss.Parameters().First();
        Assert.True(p.Grad is null || p.Grad.ToArray().All(float.IsFinite), $"{name} {what}: parameter gradient");
    }

    private static (Tensor X, int[] Labels) Batch(int n, int d, ulong seed)
    {
        var x = SeededCases.Normal(seed, n, d);
        return (x, [.. Enumerable.Range(0, n).Select(i => i % 4)]);
    }

    // New parameter whose class rename[c] group holds old class c's group.
    private static float[] PermuteClasses(Tensor p, int[] rename, Kind kind)
    {
        var v = p.ToArray();
        var result = new float[v.Length];
        int rows = p.Dim(0), cols = p.Dim(1), g = kind.Group;
        for (int r = 0; r < rows; r++)
        {
            for (int col = 0; col < cols; col++)
            {
                int cls = (kind.ClassAxis == 0 ? r : col) / g, within = (kind.ClassAxis == 0 ? r : col) % g;
                int target = rename[cls] * g + within;
                int to = kind.ClassAxis == 0 ? target * cols + col : r * cols + target;
                result[to] = v[r * cols + col];
            }
        }

        return result;
    }
}
