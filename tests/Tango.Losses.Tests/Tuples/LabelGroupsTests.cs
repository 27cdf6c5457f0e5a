namespace Tango.Losses.Tests.Tuples;

public class LabelGroupsTests
{
    [Fact]
    public void GroupsPositivesAndNegatives()
    {
        var g = LabelGroups.Create([0, 1, 0], [0, 1, 0, 1], excludeSelf: true);
        Assert.Equal([2], g.Positives(0).ToArray());
        Assert.Equal([1, 3], g.Negatives(0).ToArray());
        Assert.Equal([3], g.Positives(1).ToArray());
        Assert.Equal(2 + 2 + 2, g.TripletCount());
    }
}
