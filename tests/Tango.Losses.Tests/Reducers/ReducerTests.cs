using Tango.Core;
using Tango.Losses.Reducers;

namespace Tango.Losses.Tests.Reducers;

public class ReducerTests
{
    private static readonly ReductionContext Context = new(Leaf(4, 2), [0, 1, 1, 2], 4);

    private static Tensor Leaf(params int[] shape)
    {
        var t = Tensor.Ones(shape);
        t.RequiresGrad = true;
        return t;
    }

    private static SubLoss Pairs(float[] values, int[] a, int[] o) =>
        SubLoss.PerPair("loss", Tensor.FromArray(values), ReductionType.PosPair, a, o);

    public static TheoryData<Reducer> ConstantPreserving => new()
    {
        new MeanReducer(), new AvgNonZeroReducer(), new ThresholdReducer(0.1f, 5f), new PerAnchorReducer(),
        new MultipleReducers(new Dictionary<string, Reducer> { ["x"] = new SumReducer() }),
    };

    [Theory]
    [MemberData(nameof(ConstantPreserving))]
    public void ReducingAConstantGivesTheConstant(Reducer reducer)
    {
        var sub = Pairs([2.5f, 2.5f, 2.5f, 2.5f], [0, 1, 2, 3], [1, 2, 0, 1]);
        Assert.Equal(2.5f, reducer.Reduce(sub, Context).Item(), 5);
    }

    [Fact]
    public void ZeroSubLossGivesAConnectedZero()
    {
        var x = Leaf(3, 2);
        var value = new MeanReducer().Reduce(SubLoss.Zero("loss"), new ReductionContext(x, null, 3));
        Assert.Equal(0f, value.Item());
        value.Backward();
        Assert.Equal(new float[6], x.Grad!.ToArray());
    }

    [Fact]
    public void ThresholdKeepsStrictlyInside()
    {
        var sub = Pairs([0f, 0.5f, 1f, 2f], [0, 0, 0, 0], [1, 2, 3, 1]);
        Assert.Equal(0.75f, new ThresholdReducer(0.2f, 2f).Reduce(sub, Context).Item(), 6);
        Assert.Equal(3.5f / 3, new AvgNonZeroReducer().Reduce(sub, Context).Item(), 6);
        Assert.Equal(0f, new ThresholdReducer(high: -1f).Reduce(sub, Context).Item());
        Assert.Throws<ArgumentException>(() => new ThresholdReducer());
    }

    [Fact]
    public void SumDivisorAndClassWeights()
    {
        var sub = SubLoss.PerElement("loss", Tensor.FromArray([1f, 2f, 3f, 4f]), [0, 1, 2, 3], divisor: 5f);
        Assert.Equal(10f, new SumReducer().Reduce(sub, Context).Item());
        Assert.Equal(2f, new DivisorReducer().Reduce(sub, Context).Item());
        // labels [0, 1, 1, 2] → weights [1, 2, 2, 4]: (1 + 4 + 6 + 16) / 4
        Assert.Equal(27f / 4, new ClassWeightedReducer([1f, 2f, 4f]).Reduce(sub, Context).Item());
        var noDivisor = SubLoss.PerElement("loss", Tensor.FromArray([1f]), [0]);
        Assert.Throws<InvalidOperationException>(() => new DivisorReducer().Reduce(noDivisor, Context));
        Assert.Throws<ArgumentException>(() => new ClassWeightedReducer([1f]).Reduce(sub, Context));
    }

    [Fact]
    public void PerAnchorAveragesEachAnchorsPairsThenTheAnchors()
    {
        // anchor 0: (1 + 3)/2 = 2, anchor 1: 5, anchors 2, 3: none → 0; the duplicate cell (0, 1) keeps its last loss.
        var sub = Pairs([9f, 3f, 5f, 1f], [0, 0, 1, 0], [1, 2, 0, 1]);
        Assert.Equal((2f + 5f) / 4, new PerAnchorReducer().Reduce(sub, Context).Item(), 6);
        var triplets = SubLoss.PerTriplet("loss", Tensor.FromArray([1f]), new TripletIndices([0], [1], [2]));
        Assert.Throws<NotSupportedException>(() => new PerAnchorReducer().Reduce(triplets, Context));
    }

    [Fact]
    public void MultipleReducersPickByName()
    {
        var multiple = new MultipleReducers(new Dictionary<string, Reducer> { ["pos_loss"] = new SumReducer() });
        var pos = SubLoss.PerElement("pos_loss", Tensor.FromArray([1f, 2f]), [0, 1]);
        var neg = SubLoss.PerElement("neg_loss", Tensor.FromArray([1f, 2f]), [0, 1]);
        Assert.Equal(3f, multiple.Reduce(pos, Context).Item());
        Assert.Equal(1.5f, multiple.Reduce(neg, Context).Item());
    }

    [Fact]
    public void DoNothingReturnsTheEntries()
    {
        var sub = SubLoss.PerElement("loss", Tensor.FromArray([1f, 2f]), [0, 1]);
        Assert.Equal([1f, 2f], new DoNothingReducer().Reduce(sub, Context).ToArray());
        var loss = new ContrastiveLoss(reducer: new DoNothingReducer());
        var ex = Assert.Throws<InvalidOperationException>(
            () => loss.Compute(SeededCases.Normal(1, 4, 2), [0, 0, 1, 1]));
        Assert.Contains("ComputeUnreduced", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadyReducedPassesThrough()
    {
        var sub = SubLoss.Reduced("reg", Tensor.FromArray([0.7f]));
        Assert.Equal(0.7f, new AvgNonZeroReducer().Reduce(sub, Context).Item());
        Assert.Throws<ArgumentException>(() => SubLoss.Reduced("reg", Tensor.FromArray([1f, 2f])));
    }
}
