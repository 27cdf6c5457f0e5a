using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ContrastiveLossTests
{
    public static TheoryData<string> Cases => new()
    {
        "ContrastiveLoss", "ContrastiveLoss_cosine_pos1_neg0", "ContrastiveLoss_PairMarginMiner",
        "ContrastiveLoss_PerAnchorReducer", "ContrastiveLoss_LpRegularizer",
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

    internal static ContrastiveLoss Create(string name, ReferenceCase c) => name switch
    {
        "ContrastiveLoss_cosine_pos1_neg0" => new((float)c.Kwarg("pos_margin"), (float)c.Kwarg("neg_margin"),
            new CosineSimilarity()),
        "ContrastiveLoss_PerAnchorReducer" => new(reducer: new PerAnchorReducer()),
        "ContrastiveLoss_LpRegularizer" => new(embeddingRegularizer: new Tango.Losses.Regularizers.LpRegularizer(),
            embeddingRegularizerWeight: (float)c.Kwarg("embedding_reg_weight")),
        _ => new((float)c.Kwarg("pos_margin"), (float)c.Kwarg("neg_margin")),
    };

    [Fact]
    public void MatchesPmlWithReferenceEmbeddings()
    {
        // PML passes the same label tensor as ref_labels, so (i, i) is excluded: 224 positive pairs, not 256.
        var c = ReferenceCase.Load("ContrastiveLoss_ref_emb");
        var x = c.EmbeddingTensor();
        var r = c.RefEmbeddingTensor();
        var loss = new ContrastiveLoss();
        var value = loss.Compute(x, c.Labels, refEmbeddings: r, refLabels: c.Labels);
        value.Backward();
        ReferenceAssert.Loss(c, value.Item());
        ReferenceAssert.Gradient(c, c.Grad64!, x.Grad!.ToArray(), "grad_embeddings");
        ReferenceAssert.Gradient(c, c.GradRef64!, r.Grad!.ToArray(), "grad_ref_emb");
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(x, c.Labels, refEmbeddings: r, refLabels: c.Labels));
    }

    [Fact]
    public void ReferenceLabelsCopyCountsSelfPairs()
    {
        var x = SeededCases.Normal(1, 6, 4);
        int[] labels = [0, 0, 1, 1, 2, 2];
        var loss = new ContrastiveLoss(posMargin: 0.1f);
        var same = loss.ComputeUnreduced(x, labels, refEmbeddings: x, refLabels: labels);
        var copy = loss.ComputeUnreduced(x, labels, refEmbeddings: x, refLabels: (int[])labels.Clone());
        Assert.Equal(6, same["pos_loss"].Count);
        Assert.Equal(12, copy["pos_loss"].Count);
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(3, 10, 5);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3];
        float value = new ContrastiveLoss(posMargin: 0.2f, negMargin: 0.9f).Compute(x, labels).Item();
        var d = NaiveDistances.Euclidean(x, normalize: true);
        var (pos, neg) = (new List<double>(), new List<double>());
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                if (labels[i] == labels[j] && i != j)
                {
                    pos.Add(Math.Max(d[i, j] - 0.2, 0));
                }
                else if (labels[i] != labels[j])
                {
                    neg.Add(Math.Max(0.9 - d[i, j], 0));
                }
            }
        }

        double expected = pos.Where(v => v > 0).DefaultIfEmpty().Average() + neg.Where(v => v > 0).Average();
        Tolerance.Close(expected, value, rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        Distance dist = distance switch
        {
            0 => new LpDistance(),
            1 => new CosineSimilarity(),
            _ => new LpDistance(p: 1),
        };
        var loss = distance == 1
            ? new ContrastiveLoss(posMargin: 0.9f, negMargin: 0.1f, dist, new MeanReducer())
            : new ContrastiveLoss(posMargin: 0.3f, negMargin: 1.2f, dist, new MeanReducer());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(5, 8, 5)], eps: 1e-3f);
    }

    public static TheoryData<int, int, bool> FusedCases => new()
    {
        { 0, 0, false }, { 1, 0, false }, { 0, 1, false }, { 0, 2, true }, { 1, 3, false }, { 0, 4, false },
        { 2, 0, true },
    };

    // The fused streaming path (Compute) must equal reducing the materialised sub-losses, value and gradient.
    [Theory]
    [MemberData(nameof(FusedCases))]
    public void FusedPathEqualsMaterialisedPath(int distance, int reducer, bool tuples)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0];
        Distance dist = distance switch { 0 => new LpDistance(), 1 => new CosineSimilarity(), _ => new SnrDistance() };
        Reducer red = reducer switch
        {
            0 => new AvgNonZeroReducer(),
            1 => new MeanReducer(),
            2 => new SumReducer(),
            3 => new ThresholdReducer(0.05f, 0.6f),
            _ => new ClassWeightedReducer([1f, 2f, 0.5f, 3f]),
        };
        var loss = distance == 1
            ? new ContrastiveLoss(0.8f, 0.2f, dist, red)
            : new ContrastiveLoss(0.3f, distance == 2 ? 0.9f : 1.1f, dist, red);
        IndexTuples? t = tuples ? new PairIndices([0, 0, 3, 9], [3, 6, 0, 10], [0, 1, 1, 11], [1, 0, 3, 10]) : null;
        var x1 = SeededCases.Normal(13, 12, 5);
        x1.RequiresGrad = true;
        var fused = loss.Compute(x1, labels, t);
        fused.Backward();
        var x2 = SeededCases.Normal(13, 12, 5);
        x2.RequiresGrad = true;
        var context = new ReductionContext(x2, labels, 12);
        var terms = loss.ComputeUnreduced(x2, labels, t);
        var reference = red.Reduce(terms[0], context).Add(red.Reduce(terms[1], context));
        reference.Backward();
        Assert.Equal("ContrastiveStream", fused.GradFnName);
        Tolerance.Close(reference.Item(), fused.Item(), rtol: 1e-5, atol: 1e-7);
        Tolerance.Close(x2.Grad!.Span, x1.Grad!.Span, rtol: 1e-4, atol: 1e-6, what: "gradient");
    }

    [Fact]
    public void RejectsBadLabels()
    {
        var x = SeededCases.Normal(1, 4, 3);
        var ex = Assert.Throws<ArgumentException>(() => new ContrastiveLoss().Compute(x, [0, 1, 2]));
        Assert.Contains("3 labels for 4 embeddings", ex.Message, StringComparison.Ordinal);
    }
}
