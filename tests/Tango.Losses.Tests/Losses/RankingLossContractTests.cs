using Tango.Core;

namespace Tango.Losses.Tests.Losses;

/// <summary>
/// What the shared contract suite (Contracts/) skips for the ranking losses that always have something to learn
/// on a batch of several elements: a lone element is still a zero with a zero gradient; and the order dependence
/// of NPairs (first pair per label) and Instance (label rank read as a batch column) is real, not a bug.
/// </summary>
public class RankingLossContractTests
{
    public static TheoryData<string> AlwaysLearning => new() { "Instance", "RankedList", "ThresholdConsistentMargin" };

    [Theory]
    [MemberData(nameof(AlwaysLearning))]
    public void ALoneElementGivesZeroAndAZeroGradient(string name)
    {
        var x = SeededCases.Normal(11, 1, 5);
        x.RequiresGrad = true;
        MetricLoss loss = name switch
        {
            "Instance" => new InstanceLoss(),
            "RankedList" => new RankedListLoss(0.4f, 10f),
            _ => new ThresholdConsistentMarginLoss(),
        };
        var value = loss.Compute(x, [3]);
        value.Backward();
        Assert.Equal(0f, value.Item());
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void NPairsAndInstanceDependOnTheBatchOrder()
    {
        var x = SeededCases.Normal(12, 6, 5);
        int[] labels = [0, 1, 0, 1, 0, 1];
        int[] order = [2, 1, 0, 3, 4, 5];
        var permuted = x.IndexSelect(0, order);
        int[] permutedLabels = [.. order.Select(i => labels[i])];
        Assert.NotEqual(new NPairsLoss().Compute(x, labels).Item(),
            new NPairsLoss().Compute(permuted, permutedLabels).Item());
        Assert.NotEqual(new InstanceLoss().Compute(x, labels).Item(),
            new InstanceLoss().Compute(permuted, permutedLabels).Item());
    }
}
