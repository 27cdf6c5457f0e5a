using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class TripletMarginLossTests
{
    public static TheoryData<string> Cases => new()
    {
        "TripletMarginLoss", "TripletMarginLoss_margin0.2_MeanReducer", "TripletMarginLoss_swap_smooth",
        "TripletMarginLoss_cosine", "TripletMarginLoss_TripletMarginMiner_all",
        "TripletMarginLoss_TripletMarginMiner_semihard", "TripletMarginLoss_TripletMarginMiner_hard",
        "TripletMarginLoss_BatchHardMiner", "TripletMarginLoss_ThresholdReducer", "TripletMarginLoss_SumReducer",
        "TripletMarginLoss_ClassWeightedReducer", "TripletMarginLoss_ZeroMeanRegularizer",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        var loss = Create(name, c);
        ReferenceRunner.Check(c, loss);
        if (c.Unreduced is not null)
        {
            UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels, c.Tuples()));
        }
    }

    internal static TripletMarginLoss Create(string name, ReferenceCase c)
    {
        float margin = (float)c.Kwarg("margin");
        return name switch
        {
            "TripletMarginLoss_margin0.2_MeanReducer" => new(margin, reducer: new MeanReducer()),
            "TripletMarginLoss_swap_smooth" => new(margin, swap: true, smoothLoss: true),
            "TripletMarginLoss_cosine" => new(margin, distance: new CosineSimilarity()),
            "TripletMarginLoss_ThresholdReducer" => new(margin, reducer: new ThresholdReducer(low: 0.1f)),
            "TripletMarginLoss_SumReducer" => new(margin, reducer: new SumReducer()),
            "TripletMarginLoss_ClassWeightedReducer" =>
                new(margin, reducer: new ClassWeightedReducer([0.5f, 5f / 6, 7f / 6, 1.5f])),
            "TripletMarginLoss_ZeroMeanRegularizer" => new(margin, embeddingRegularizer:
                new Tango.Losses.Regularizers.ZeroMeanRegularizer(),
                embeddingRegularizerWeight: (float)c.Kwarg("embedding_reg_weight")),
            _ => new(margin),
        };
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(7, 9, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 3];
        var d = NaiveDistances.Euclidean(x, normalize: true);
        var losses = new List<double>();
        for (int a = 0; a < 9; a++)
        {
            for (int p = 0; p < 9; p++)
            {
                for (int n = 0; n < 9; n++)
                {
                    if (p != a && labels[p] == labels[a] && labels[n] != labels[a])
                    {
                        losses.Add(Math.Max(d[a, p] - d[a, n] + 0.3, 0));
                    }
                }
            }
        }

        float value = new TripletMarginLoss(margin: 0.3f).Compute(x, labels).Item();
        Tolerance.Close(losses.Where(v => v > 0).Average(), value, rtol: 1e-5);
    }

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(1, false, false)]
    [InlineData(0, true, true)]
    [InlineData(2, false, true)]
    [InlineData(3, true, false)]
    public void GradientMatchesFiniteDifferences(int distance, bool swap, bool smooth)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        Distance dist = distance switch
        {
            0 => new LpDistance(),
            1 => new CosineSimilarity(),
            2 => new DotProductSimilarity(normalizeEmbeddings: false),
            _ => new SnrDistance(),
        };
        var loss = new TripletMarginLoss(margin: 0.4f, swap, smooth, distance: dist, reducer: new MeanReducer());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(11, 9, 4)], eps: 1e-3f);
    }

    public static TheoryData<int, bool, bool, int> FusedCases => new()
    {
        { 0, false, false, 0 }, { 0, true, false, 1 }, { 1, false, true, 2 }, { 1, true, true, 3 },
        { 0, false, false, 4 },
        { 2, false, false, 0 }, { 0, true, false, 5 },
    };

    // The fused streaming path (Compute) must equal reducing the materialised per-triplet losses.
    [Theory]
    [MemberData(nameof(FusedCases))]
    public void FusedPathEqualsMaterialisedPath(int distance, bool swap, bool smooth, int reducer)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0];
        Distance dist = distance switch { 0 => new LpDistance(), 1 => new CosineSimilarity(), _ => new SnrDistance() };
        Reducer red = reducer switch
        {
            0 => new AvgNonZeroReducer(),
            1 => new MeanReducer(),
            2 => new SumReducer(),
            3 => new ThresholdReducer(0.1f, 0.8f),
            4 => new ClassWeightedReducer([1f, 2f, 0.5f, 3f]),
            _ => new AvgNonZeroReducer(),
        };
        var loss = new TripletMarginLoss(margin: 0.2f, swap, smooth, distance: dist, reducer: red);
        IndexTuples? tuples = reducer == 5 ? TripletIndices.AllFrom(labels).ToPairs() : null;
        var x1 = SeededCases.Normal(13, 12, 5);
        x1.RequiresGrad = true;
        var fused = loss.Compute(x1, labels, tuples);
        fused.Backward();
        var x2 = SeededCases.Normal(13, 12, 5);
        x2.RequiresGrad = true;
        var sub = loss.ComputeUnreduced(x2, labels, tuples)["loss"];
        var reference = red.Reduce(sub, new ReductionContext(x2, labels, 12));
        reference.Backward();
        Assert.Equal("TripletMarginStream", fused.GradFnName);
        Tolerance.Close(reference.Item(), fused.Item(), rtol: 1e-5, atol: 1e-7);
        Tolerance.Close(x2.Grad!.Span, x1.Grad!.Span, rtol: 1e-4, atol: 1e-6, what: "gradient");
    }

    [Fact]
    public void RandomTripletsPerAnchorFollowTheRule()
    {
        var x = SeededCases.Normal(2, 12, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var loss = new TripletMarginLoss(tripletsPerAnchor: 5, reducer: new DoNothingReducer(), rng: new Rng(3));
        var sub = loss.ComputeUnreduced(x, labels)["loss"];
        Assert.Equal(12 * 5, sub.Count);
        for (int k = 0; k < sub.Count; k++)
        {
            Assert.Equal(labels[sub.Anchors![k]], labels[sub.Others![k]]);
            Assert.NotEqual(sub.Anchors[k], sub.Others[k]);
            Assert.NotEqual(labels[sub.Anchors[k]], labels[sub.Negatives![k]]);
        }
    }
}
