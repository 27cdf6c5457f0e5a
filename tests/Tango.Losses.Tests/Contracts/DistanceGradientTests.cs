using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Tests.Contracts;

/// <summary>
/// Finite-difference gradient checks of every loss over every distance it accepts, and a clear rejection of every
/// distance it does not (the loss × distance matrix of <see cref="DistanceGradientCases"/>). Losses with trainable
/// parameters are checked with respect to those too.
/// </summary>
public class DistanceGradientTests
{
    public static TheoryData<string, string> Pairs => DistanceGradientCases.Pairs();

    private static DistanceGradientCase Case(string name) => DistanceGradientCases.All.Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void GradientMatchesFiniteDifferencesOrTheDistanceIsRejected(string lossName, string distanceName)
    {
        var c = Case(lossName);
        var distance = DistanceGradientCases.Distances[distanceName]();
        if (!c.Supported.Contains(distanceName))
        {
            var ex = Assert.Throws<ArgumentException>(() => c.Create(distance));
            Assert.Contains(c.Create(DistanceGradientCases.Distances[c.Supported[0]]()).GetType().Name, ex.Message,
                StringComparison.Ordinal);
            return;
        }

        var loss = c.Create(distance);
        int[] labels = c.Labels;
        Tensor[] parameters = loss is ParametricLoss p ? [.. p.Parameters()] : [];
        var x = SeededCases.Normal(c.Seed, labels.Length, 4);
        if (c.DetachedWeights)
        {
            // Not a derivative of the value (see DistanceGradientCase.DetachedWeights): finite and non-zero only.
            x.RequiresGrad = true;
            loss.Compute(x, labels).Backward();
            Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
            Assert.Contains(x.Grad!.ToArray(), g => g != 0f);
            return;
        }

        GradCheck.Check(t =>
        {
            (loss as DynamicSoftMarginLoss)?.ResetHistogram();
            return loss.Compute(t[0], labels);
        }, [x, .. parameters], c.Eps, c.Rtol, c.Atol);
    }

    [Fact]
    public void EveryDistanceTakingLossIsInTheMatrix()
    {
        // A loss type that takes a Distance in its constructor but is missing here would escape the check.
        var covered = DistanceGradientCases.All
            .Select(c => c.Create(DistanceGradientCases.Distances[c.Supported[0]]()).GetType())
            .ToHashSet();
        var takers = typeof(MetricLoss).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(IMetricLoss).IsAssignableFrom(t))
            .Where(t => t.GetConstructors().Any(k => k.GetParameters().Any(q => q.ParameterType == typeof(Distance))))
            .ToList();
        Assert.NotEmpty(takers);
        Assert.All(takers, t => Assert.Contains(t, covered));
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("Cosine")]
    [InlineData("Dot-unnormalised")]
    public void MultipleLossesGradientMatchesFiniteDifferences(string distanceName)
    {
        var d = DistanceGradientCases.Distances[distanceName];
        var loss = new MultipleLosses(
            [new TripletMarginLoss(0.4f, distance: d(), reducer: new MeanReducer()), new NcaLoss(2f, d())],
            weights: [1f, 0.5f]);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3];
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(4, 9, 4)], eps: 1e-3f);
    }

    [Theory]
    [InlineData("L2", true)]
    [InlineData("Cosine", true)]
    [InlineData("Cosine", false)]
    [InlineData("Dot-unnormalised", false)]
    public void SelfSupervisedGradientMatchesFiniteDifferencesForBothViews(string distanceName, bool symmetric)
    {
        var loss = new SelfSupervisedLoss(
            new NtXentLoss(0.5f, DistanceGradientCases.Distances[distanceName]()), symmetric);
        GradCheck.Check(t => loss.Compute(t[0], t[1]), [SeededCases.Normal(5, 6, 4), SeededCases.Normal(6, 6, 4)],
            eps: 1e-3f);
    }

    [Theory]
    [InlineData("L2")]
    [InlineData("Cosine")]
    [InlineData("L2-squared")]
    public void CrossBatchMemoryGradientMatchesFiniteDifferencesAgainstAFixedMemory(string distanceName)
    {
        // The memory holds detached copies (PML's stop-gradient), so the function checked is the loss of a batch
        // against a fixed, filled memory: an all-false enqueue mask queries without enqueueing.
        var d = DistanceGradientCases.Distances[distanceName]();
        var xbm = new CrossBatchMemory(d.IsSimilarity ? new ContrastiveLoss(0.8f, 0.1f, d, new MeanReducer())
            : new ContrastiveLoss(0.2f, 1.2f, d, new MeanReducer()), 4, memorySize: 16);
        xbm.Compute(SeededCases.Normal(30, 10, 4), [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
        int[] labels = [0, 1, 2, 0, 1, 2, 3];
        var keep = new bool[labels.Length];
        GradCheck.Check(t => xbm.Compute(t[0], labels, null, keep), [SeededCases.Normal(31, labels.Length, 4)],
            eps: 1e-3f);
        Assert.Equal(10, xbm.Count);
    }
}
