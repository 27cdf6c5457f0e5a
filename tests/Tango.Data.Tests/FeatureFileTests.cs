namespace Tango.Data.Tests;

public sealed class FeatureFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Csv_WithHeader_And_Tsv_WithoutHeader()
    {
        var x = FeatureFile.Read(_dir.Text("x.csv", "f1,f2,f3\n1,2,3\n4.5,-5,6e2\n"));
        Assert.Equal([2, 3], x.Shape.ToArray());
        Assert.Equal([1f, 2, 3, 4.5f, -5, 600], x.ToArray());
        x = FeatureFile.Read(_dir.Text("x.tsv", "1\t2\n3\t4\n"));
        Assert.Equal([1f, 2, 3, 4], x.ToArray());
    }

    [Fact]
    public void RaggedOrNonNumeric_NamesLine()
    {
        var e = Assert.Throws<DataFormatException>(() => FeatureFile.Read(_dir.Text("r.csv", "1,2\n3,4\n5\n")));
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 2 columns like the first row, found 1", e.Message);
        e = Assert.Throws<DataFormatException>(() => FeatureFile.Read(_dir.Text("n.csv", "1,2\n3,x\n")));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected a feature (a finite number) in column 2, found 'x'", e.Message);
    }

    [Fact]
    public void LabeledTable_LastColumnOrNamed()
    {
        var d = FeatureFile.ReadLabeledTable(_dir.Text("t.csv", "0.5,1.5,cat\n2.5,3.5,dog\n4.5,5.5,cat\n"));
        Assert.Equal((3, 2), (d.Rows, d.Cols));
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f], d.Features);
        Assert.Equal(["cat", "dog"], d.ClassNames);
        Assert.Equal([0, 1, 0], d.Labels);
        d = FeatureFile.ReadLabeledTable(_dir.Text("h.csv", "class,a,b\n7,1,2\n3,4,5\n"),
            new LabelFileOptions { Column = "class" });
        Assert.Equal([1f, 2, 4, 5], d.Features);
        Assert.Equal(["3", "7"], d.ClassNames);
        var e = Assert.Throws<DataFormatException>(() => FeatureFile.ReadLabeledTable(_dir.Text("w.csv", "1,2\n3,4\n"),
            new LabelFileOptions { ColumnIndex = 5 }));
        Assert.Contains("the label column is outside the table's 2 column(s)", e.Message);
    }

    [Fact]
    public void Load_NpyFeaturesAndCsvLabels_RowCountsChecked()
    {
        NpyFile.Write(_dir.File("x.npy.gz"), new byte[12], 3, 2, 2);
        var d = LabeledDataset.Load(_dir.File("x.npy.gz"), _dir.Text("y.csv", "label\na\nb\na\n"));
        Assert.Equal((3, 4), (d.Rows, d.Cols));
        Assert.Equal([0, 1, 0], d.Labels);
        var e = Assert.Throws<DataFormatException>(
            () => LabeledDataset.Load(_dir.File("x.npy.gz"), _dir.Text("z.csv", "label\na\nb\n")));
        Assert.Contains("2 labels for the 3 rows", e.Message);
    }
}
