using System.Globalization;
using System.IO.Compression;

namespace Tango.Data;

/// <summary>
/// Small real datasets shipped inside Tango.Data (provenance and licences in
/// <c>src/Tango.Data/Datasets/README.md</c>): MNIST-10k (10,000 handwritten digits, 28×28 pixels scaled to [0, 1]),
/// scikit-learn's digits (1,797 × 64, grey levels 0–16 as shipped), iris (150 × 4), wine (178 × 13) and breast
/// cancer (569 × 30). Each call returns a fresh copy that the caller may modify.
/// </summary>
public static class EmbeddedDatasets
{
    private static readonly (string Name, Func<LabeledDataset> Load)[] Catalog =
    [
        ("mnist10k", Mnist10k), ("digits", Digits), ("iris", Iris), ("wine", Wine),
        ("breast-cancer", BreastCancer),
    ];

    /// <summary>The names <see cref="ByName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Catalog, c => c.Name);

    /// <summary>
    /// The dataset called <paramref name="name"/> (case, '-' and '_' ignored: "breast_cancer", "MNIST-10k").
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static LabeledDataset ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = Normalize(name);
        foreach (var (known, load) in Catalog)
        {
            if (Normalize(known) == key)
            {
                return load();
            }
        }

        throw new ArgumentException($"Unknown dataset '{name}'; the embedded datasets are " +
                                    $"{string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>10,000 MNIST digits: 784 pixels per row scaled from 0–255 to [0, 1]; classes "0".."9".</summary>
    public static LabeledDataset Mnist10k()
    {
        var images = ReadNpy("mnist10k-images.npy.gz").GetData<byte>();
        var labels = ReadNpy("mnist10k-labels.npy.gz").GetData<byte>();
        var features = new float[images.Length];
        for (int i = 0; i < images.Length; i++)
        {
            features[i] = images[i] / 255f;
        }

        return new LabeledDataset("mnist10k", features, labels.Length, 28 * 28, Array.ConvertAll(labels, b => (int)b),
            DigitNames());
    }

    /// <summary>1,797 8×8 optical-recognition digits, grey levels 0–16 as scikit-learn ships them.</summary>
    public static LabeledDataset Digits()
    {
        using var reader = new StreamReader(new GZipStream(Open("digits.csv.gz"), CompressionMode.Decompress));
        var (features, labels) = ReadRows(reader, 64, "digits.csv.gz");
        return new LabeledDataset("digits", features, labels.Length, 64, labels, DigitNames());
    }

    /// <summary>150 iris flowers, 4 features (cm), classes setosa, versicolor, virginica.</summary>
    public static LabeledDataset Iris() => ReadSklearnCsv("iris", "iris.csv");

    /// <summary>178 wines, 13 chemical features, classes class_0..class_2.</summary>
    public static LabeledDataset Wine() => ReadSklearnCsv("wine", "wine_data.csv");

    /// <summary>569 breast tumours, 30 features, classes malignant, benign.</summary>
    public static LabeledDataset BreastCancer() => ReadSklearnCsv("breast-cancer", "breast_cancer.csv");

    private static string Normalize(string name) =>
        name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .ToUpperInvariant();

    private static string[] DigitNames() =>
        Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static Stream Open(string file) =>
        typeof(EmbeddedDatasets).Assembly.GetManifestResourceStream("Tango.Data.Datasets." + file)
        ?? throw new InvalidOperationException($"The embedded resource {file} is missing from Tango.Data.");

    private static Core.IO.NpyArray ReadNpy(string file)
    {
        using var stream = Open(file);
        return NpyFile.Read(stream, "embedded " + file, gzip: true);
    }

    // scikit-learn's CSV layout: a first line "n,d,class names...", then n rows of d features and a class index.
    private static LabeledDataset ReadSklearnCsv(string name, string file)
    {
        using var reader = new StreamReader(Open(file));
        var head = (reader.ReadLine() ?? "").Split(',');
        int n = int.Parse(head[0], CultureInfo.InvariantCulture);
        int d = int.Parse(head[1], CultureInfo.InvariantCulture);
        var (features, labels) = ReadRows(reader, d, file);
        if (labels.Length != n)
        {
            throw new InvalidOperationException($"Embedded {file}: {labels.Length} rows, expected {n}.");
        }

        return new LabeledDataset(name, features, n, d, labels, head[2..]);
    }

    private static (float[] Features, int[] Labels) ReadRows(TextReader reader, int d, string file)
    {
        var features = new List<float>();
        var labels = new List<int>();
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != d + 1)
            {
                throw new InvalidOperationException($"Embedded {file}: a row of {fields.Length} fields, expected " +
                                                    $"{d + 1}.");
            }

            for (int j = 0; j < d; j++)
            {
                features.Add(float.Parse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            labels.Add((int)double.Parse(fields[d], NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return ([.. features], [.. labels]);
    }
}
