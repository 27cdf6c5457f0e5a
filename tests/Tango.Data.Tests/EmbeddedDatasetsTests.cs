namespace Tango.Data.Tests;

public class EmbeddedDatasetsTests
{
    [Fact]
    public void Mnist10k_ShapeRangeAndClassCounts()
    {
        var d = EmbeddedDatasets.Mnist10k();
        Assert.Equal("mnist10k", d.Name);
        Assert.Equal((10000, 784), (d.Rows, d.Cols));
        Assert.Equal(10000 * 784, d.Features.Length);
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], d.ClassCounts());
        Assert.Equal(0f, d.Features.Min());
        Assert.Equal(1f, d.Features.Max());
        // Grey levels are whole numbers / 255.
        Assert.All(d.Features.Take(5000), v => Assert.Equal(Math.Round(v * 255), v * 255, 3));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            d.ClassNames);
        // A digit is mostly background: about 19% of MNIST pixels are non-zero.
        double ink = d.Features.Count(v => v > 0) / (double)d.Features.Length;
        Assert.InRange(ink, 0.15, 0.25);
    }

    [Fact]
    public void Digits_ShapeAndLevels()
    {
        var d = EmbeddedDatasets.Digits();
        Assert.Equal((1797, 64), (d.Rows, d.Cols));
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], d.ClassCounts());
        Assert.Equal(16f, d.Features.Max());
        Assert.All(d.Features, v => Assert.Equal(Math.Floor(v), v));
    }

    [Fact]
    public void Iris_Wine_BreastCancer()
    {
        var iris = EmbeddedDatasets.Iris();
        Assert.Equal((150, 4), (iris.Rows, iris.Cols));
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Row(0).ToArray());

        var wine = EmbeddedDatasets.Wine();
        Assert.Equal((178, 13), (wine.Rows, wine.Cols));
        Assert.Equal([59, 71, 48], wine.ClassCounts());
        Assert.Equal(14.23f, wine.Features[0]);

        var bc = EmbeddedDatasets.BreastCancer();
        Assert.Equal((569, 30), (bc.Rows, bc.Cols));
        Assert.Equal(["malignant", "benign"], bc.ClassNames);
        Assert.Equal([212, 357], bc.ClassCounts());
    }

    [Theory]
    [InlineData("MNIST-10k", 10000)]
    [InlineData("digits", 1797)]
    [InlineData("Iris", 150)]
    [InlineData("wine", 178)]
    [InlineData("breast_cancer", 569)]
    [InlineData("breast-cancer", 569)]
    public void ByName_NormalisesNames(string name, int rows) => Assert.Equal(rows, EmbeddedDatasets.ByName(name).Rows);

    [Fact]
    public void ByName_Unknown_ListsNames()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddedDatasets.ByName("cifar10"));
        Assert.Contains("Unknown dataset 'cifar10'; the embedded datasets are mnist10k, digits, iris, wine, " +
                        "breast-cancer.", e.Message);
    }

    [Fact]
    public void EachCall_ReturnsAFreshCopy()
    {
        var a = EmbeddedDatasets.Iris();
        a.Features[0] = -99f;
        Assert.Equal(5.1f, EmbeddedDatasets.Iris().Features[0]);
    }
}
