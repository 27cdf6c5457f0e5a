namespace Tango.Data.Tests;

public class LabelSetTests
{
    [Fact]
    public void Integers_NumericOrder_NotStringOrder()
    {
        var set = LabelSet.Encode(["10", "9", "-1", "10", "100"]);
        Assert.Equal(["-1", "9", "10", "100"], set.ClassNames);
        Assert.Equal([2, 1, 0, 2, 3], set.Labels);
    }

    [Fact]
    public void Strings_OrdinalOrder_IndependentOfRowOrder()
    {
        string[] raw = ["b", "B", "a", "b", "ä"];
        var set = LabelSet.Encode(raw);
        Assert.Equal(["B", "a", "b", "ä"], set.ClassNames);
        var reversed = LabelSet.Encode(raw.Reverse().ToArray());
        Assert.Equal(set.ClassNames, reversed.ClassNames);
        Assert.Equal(set.Labels.Reverse(), reversed.Labels);
    }

    [Fact]
    public void Longs_DenseInValueOrder()
    {
        var set = LabelSet.Encode(new long[] { 5_000_000_000, -3, 5_000_000_000, 0 });
        Assert.Equal(["-3", "0", "5000000000"], set.ClassNames);
        Assert.Equal([2, 0, 2, 1], set.Labels);
        Assert.Equal(3, set.ClassCount);
    }

    [Fact]
    public void Empty_HasNoClasses()
    {
        var set = LabelSet.Encode(Array.Empty<string>());
        Assert.Empty(set.Labels);
        Assert.Equal(0, set.ClassCount);
    }
}
