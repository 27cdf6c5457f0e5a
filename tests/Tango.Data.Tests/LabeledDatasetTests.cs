namespace Tango.Data.Tests;

public class LabeledDatasetTests
{
    private static LabeledDataset Small() =>
        new("s", [0, 1, 10, 11, 20, 21], 3, 2, [1, 0, 1], ["a", "b"]);

    [Fact]
    public void Subset_CopiesRowsInOrder_KeepsClasses()
    {
        var s = Small().Subset([2, 0, 2]);
        Assert.Equal((3, 2), (s.Rows, s.Cols));
        Assert.Equal([20f, 21, 0, 1, 20, 21], s.Features);
        Assert.Equal([1, 1, 1], s.Labels);
        Assert.Equal(["a", "b"], s.ClassNames);
        Assert.Equal([0, 3], s.ClassCounts());
    }

    [Fact]
    public void Subset_OutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Small().Subset([0, 3]));
        Assert.Contains("row 3 (at 1) is outside the 3 rows of 's'", e.Message);
    }

    [Fact]
    public void Constructor_Validates()
    {
        Assert.Contains("do not make 3 rows of 2 columns", Assert.Throws<ArgumentException>(
            () => new LabeledDataset("x", new float[5], 3, 2, new int[3], ["a"])).Message);
        Assert.Contains("row 1 has label 2, outside the 2 classes", Assert.Throws<ArgumentException>(
            () => new LabeledDataset("x", new float[6], 3, 2, [0, 2, 1], ["a", "b"])).Message);
    }

    [Fact]
    public void FeatureTensor_HasShape()
    {
        var t = Small().FeatureTensor();
        Assert.Equal([3, 2], t.Shape.ToArray());
        Assert.Equal(11f, t.Span[3]);
    }
}
