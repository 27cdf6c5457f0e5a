using Tango.Core.IO;

namespace Tango.Data.Tests;

public sealed class LabelFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Npy_IntegerLabels_DenseInValueOrder()
    {
        var set = LabelFile.Read(Fixture.Path("np_labels_i8.npy"));
        Assert.Equal(["3", "7", "9"], set.ClassNames);
        Assert.Equal([1, 0, 1, 2, 0], set.Labels);
        Assert.Equal(2, set.IndexOf("9"));
        Assert.Equal(-1, set.IndexOf("4"));
    }

    [Fact]
    public void Npy_WholeFloatsAndGzip_Accepted()
    {
        NpyFile.Write(_dir.File("y.npy.gz"), [2.0, 0.0, 1.0, 2.0], 4, 1);
        var set = LabelFile.Read(_dir.File("y.npy.gz"));
        Assert.Equal([2, 0, 1, 2], set.Labels);
        Assert.Equal(3, set.ClassCount);
    }

    [Fact]
    public void Npy_FractionalOrMatrix_Rejected()
    {
        var e = Assert.Throws<NpyFormatException>(() => LabelFile.Read(Fixture.Path("np_labels_f4_fraction.npy")));
        Assert.Contains("labels must be integers", e.Message);
        Assert.Contains("Element 1 is 2.5", e.Message);
        NpyFile.Write(_dir.File("m.npy"), [1, 2, 3, 4], 2, 2);
        e = Assert.Throws<NpyFormatException>(() => LabelFile.Read(_dir.File("m.npy")));
        Assert.Contains("expected labels of shape (n,) or (n, 1), found shape (2, 2)", e.Message);
    }

    [Fact]
    public void Csv_NamedColumn_StringLabelsSorted()
    {
        string path = _dir.Text("l.csv", "id,species,weight\n1,dog,3\n2,\"cat, tabby\",4\n3,dog,5\n4,ant,1\n");
        var set = LabelFile.Read(path, new LabelFileOptions { Column = "species" });
        Assert.Equal(["ant", "cat, tabby", "dog"], set.ClassNames);
        Assert.Equal([2, 1, 2, 0], set.Labels);
        Assert.Equal(1, set.Mapping["cat, tabby"]);
    }

    [Fact]
    public void Csv_KnownHeaderName_FoundWithoutOptions()
    {
        string path = _dir.Text("l.csv", "x,label\n0.5,b\n0.25,a\n");
        Assert.Equal([1, 0], LabelFile.Read(path).Labels);
    }

    [Fact]
    public void Tsv_NumberedColumn_NoHeader_NegativeIndex()
    {
        string path = _dir.Text("l.tsv", "0.1\t0.2\t10\n0.3\t0.4\t-2\n0.5\t0.6\t10\n");
        var set = LabelFile.Read(path, new LabelFileOptions { ColumnIndex = -1 });
        Assert.Equal(["-2", "10"], set.ClassNames);
        Assert.Equal([1, 0, 1], set.Labels);
        set = LabelFile.Read(path, new LabelFileOptions { ColumnIndex = 2 });
        Assert.Equal([1, 0, 1], set.Labels);
        var e = Assert.Throws<DataFormatException>(
            () => LabelFile.Read(path, new LabelFileOptions { ColumnIndex = -4 }));
        Assert.Equal(1, e.Line);
        Assert.Contains("label column -4 (counted from the end) is outside the line's 3 column(s)", e.Message);
    }

    [Fact]
    public void SingleColumn_HeaderDetected_GzipText()
    {
        string path = _dir.GzipText("l.txt.gz", "digit\n3\n1\n3\n");
        var set = LabelFile.Read(path);
        Assert.Equal(["1", "3"], set.ClassNames);
        Assert.Equal([1, 0, 1], set.Labels);
    }

    [Fact]
    public void Jsonl_NamedField_NumbersAndStrings()
    {
        string path = _dir.Text("l.jsonl",
            "{\"text\":\"a\",\"label\":\"pos\"}\n\n{\"text\":\"b\",\"label\":\"neg\"}\n");
        Assert.Equal([1, 0], LabelFile.Read(path).Labels);
        path = _dir.Text("k.jsonl", "{\"cls\":4}\n{\"cls\":12}\n");
        var set = LabelFile.Read(path, new LabelFileOptions { Column = "cls" });
        Assert.Equal(["4", "12"], set.ClassNames);
    }

    [Fact]
    public void Jsonl_MissingField_NamesLine()
    {
        string path = _dir.Text("l.jsonl", "{\"label\":1}\n{\"label\":2}\n\n{\"labl\":3}\n");
        var e = Assert.Throws<DataFormatException>(() => LabelFile.Read(path));
        Assert.Equal(4, e.Line);
        Assert.Contains("l.jsonl', line 4: missing the label field 'label'", e.Message);
    }

    [Fact]
    public void Jsonl_Malformed_NamesLine()
    {
        string path = _dir.Text("l.jsonl", "{\"label\":1}\n{\"label\":\n");
        var e = Assert.Throws<DataFormatException>(() => LabelFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("malformed JSON", e.Message);
        path = _dir.Text("a.jsonl", "[1, 2]\n");
        Assert.Contains("expected a JSON object {...}, found a array",
            Assert.Throws<DataFormatException>(() => LabelFile.Read(path)).Message);
    }

    [Fact]
    public void Csv_Ambiguous_UnknownColumn_ShortRow_Messages()
    {
        string path = _dir.Text("l.csv", "1,2,3\n4,5,6\n");
        Assert.Contains("has 3 columns and none is named",
            Assert.Throws<DataFormatException>(() => LabelFile.Read(path)).Message);
        path = _dir.Text("h.csv", "a,b\n1,2\n");
        var e = Assert.Throws<DataFormatException>(() => LabelFile.Read(path, new LabelFileOptions { Column = "c" }));
        Assert.Contains("no column named 'c'; the header has 'a', 'b'", e.Message);
        path = _dir.Text("s.csv", "1,2,3\n4,5\n");
        e = Assert.Throws<DataFormatException>(() => LabelFile.Read(path, new LabelFileOptions { ColumnIndex = 2 }));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected a label in column 3, but the line has only 2 column(s)", e.Message);
    }

    [Fact]
    public void Csv_UnterminatedQuote_NamesLine()
    {
        string path = _dir.Text("q.csv", "label\nok\n\"broken\n");
        var e = Assert.Throws<DataFormatException>(() => LabelFile.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("unterminated quoted field", e.Message);
    }
}
