using Tango.Data.Text;

namespace Tango.Data.Tests.Text;

public class TextTableTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c,", new[] { "a", "", "c", "" })]
    [InlineData("\"x,y\",\"say \"\"hi\"\"\",z", new[] { "x,y", "say \"hi\"", "z" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("", new[] { "" })]
    public void SplitCsv_Rfc4180(string line, string[] expected) =>
        Assert.Equal(expected, TextTable.Split(line, TextFormat.Csv, "f.csv", 1));

    [Fact]
    public void SplitCsv_TextAfterClosingQuote_NamesColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => TextTable.Split("\"ab\"c,d", TextFormat.Csv, "f.csv", 7));
        Assert.Equal(7, e.Line);
        Assert.Contains("column 5: expected a comma after a closing quote, found 'c'", e.Message);
    }

    [Fact]
    public void SplitTsvAndWhitespace()
    {
        Assert.Equal(["a b", "", "c"], TextTable.Split("a b\t\tc", TextFormat.Tsv, "f", 1));
        Assert.Equal(["301", "0", "d", "1"], TextTable.Split("  301 0\td   1 ", TextFormat.Whitespace, "f", 1));
    }

    [Theory]
    [InlineData(new[] { "label", "x" }, new[] { "a", "b" }, true)]   // a known name
    [InlineData(new[] { "p", "q" }, new[] { "1", "2" }, true)]       // names above numbers
    [InlineData(new[] { "q1", "d1" }, new[] { "q2", "d2" }, false)]  // text above text
    [InlineData(new[] { "label", "3" }, new[] { "a", "4" }, false)]  // a number is never a header
    [InlineData(new[] { "p" }, null, false)]                         // a single unknown line
    public void LooksLikeHeader_Rules(string[] first, string[]? second, bool expected) =>
        Assert.Equal(expected, TextTable.LooksLikeHeader(first, second, ["label"]));
}
