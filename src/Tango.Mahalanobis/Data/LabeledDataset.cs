using System.Globalization;
using System.IO.Compression;

namespace Tango.Mahalanobis;

/// <summary>
/// A small labelled table: features (rows are samples) and an integer class per row. Reads the CSV layout of the
/// datasets shipped in <c>data/</c> (scikit-learn's): either a header line <c>n,d,name0,name1,...</c> followed by
/// rows of d features and the class index, or (gzip, no header) rows of features with the label last. A later
/// issue moves this into Tango.Data.
/// </summary>
public sealed class LabeledDataset
{
    /// <summary>Creates a dataset after checking the shapes agree.</summary>
    public LabeledDataset(string name, double[,] features, int[] labels, string[]? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.GetLength(0))
        {
            throw new ArgumentException(
                $"{name}: {features.GetLength(0)} rows of features but {labels.Length} labels.", nameof(labels));
        }

        Name = name;
        Features = features;
        Labels = labels;
        ClassNames = classNames ?? labels.Distinct().Order().Select(l => l.ToString(CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>Short name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>Features, shape (samples, features).</summary>
    public double[,] Features { get; }

    /// <summary>Class index per row.</summary>
    public int[] Labels { get; }

    /// <summary>Class names by index (from the header when there is one).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of feature columns.</summary>
    public int FeatureCount => Features.GetLength(1);

    /// <summary>Names accepted by <see cref="Builtin"/>.</summary>
    public static IReadOnlyList<string> BuiltinNames { get; } = ["iris", "wine", "digits"];

    /// <summary>
    /// One of the small datasets embedded in the library: <c>iris</c> (150 × 4, 3 classes), <c>wine</c> (178 × 13,
    /// 3 classes) or <c>digits</c> (1,797 × 64, 10 classes); UCI data as shipped by scikit-learn.
    /// </summary>
    public static LabeledDataset Builtin(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.ToLowerInvariant();
        if (!BuiltinNames.Contains(key))
        {
            throw new ArgumentException(
                $"Unknown built-in dataset '{name}'; expected one of {string.Join(", ", BuiltinNames)}.", nameof(name));
        }

        bool gzip = key == "digits";
        string resource = $"Tango.Mahalanobis.Data.{key}.csv{(gzip ? ".gz" : "")}";
        using var stream = typeof(LabeledDataset).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        return ReadCsv(stream, key, gzip);
    }

    /// <summary>Reads a file; <c>.gz</c> files are decompressed.</summary>
    public static LabeledDataset ReadCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        string name = Path.GetFileName(path).Split('.')[0];
        return ReadCsv(stream, name, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads CSV from a stream; <paramref name="name"/> is used in messages.</summary>
    public static LabeledDataset ReadCsv(Stream stream, string name, bool gzip)
    {
        using var source = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(source);
        var lines = new List<string>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(line);
            }
        }

        if (lines.Count == 0)
        {
            throw new FormatException($"{name}: the file is empty.");
        }

        var first = lines[0].Split(',');
        bool header = first.Length >= 2 && first.Skip(2).Any(f => !double.TryParse(f, NumberStyles.Float,
            CultureInfo.InvariantCulture, out _));
        return header ? WithHeader(lines, first, name) : WithoutHeader(lines, name);
    }

    private static LabeledDataset WithHeader(List<string> lines, string[] header, string name)
    {
        int n = ParseCount(header[0], name, "sample count"), d = ParseCount(header[1], name, "feature count");
        if (lines.Count - 1 != n)
        {
            throw new FormatException($"{name}: the header announces {n} rows but the file has {lines.Count - 1}.");
        }

        var (x, y) = ParseRows(lines, 1, d, name);
        int classes = header.Length - 2;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < 0 || y[i] >= classes)
            {
                throw new FormatException(
                    $"{name}, line {i + 2}: class index {y[i]} is outside the {classes} classes of the header.");
            }
        }

        return new LabeledDataset(name, x, y, header[2..]);
    }

    private static LabeledDataset WithoutHeader(List<string> lines, string name)
    {
        int d = lines[0].Split(',').Length - 1;
        if (d < 1)
        {
            throw new FormatException($"{name}, line 1: expected features then a label, got one column.");
        }

        var (x, y) = ParseRows(lines, 0, d, name);
        return new LabeledDataset(name, x, y);
    }

    private static (double[,] X, int[] Y) ParseRows(List<string> lines, int start, int d, string name)
    {
        int n = lines.Count - start;
        var x = new double[n, d];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            var fields = lines[start + i].Split(',');
            int lineNo = start + i + 1;
            if (fields.Length != d + 1)
            {
                throw new FormatException(
                    $"{name}, line {lineNo}: expected {d + 1} fields ({d} features and a label), got {fields.Length}.");
            }

            for (int j = 0; j < d; j++)
            {
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i, j]) ||
                    !double.IsFinite(x[i, j]))
                {
                    throw new FormatException($"{name}, line {lineNo}, column {j + 1}: '{fields[j]}' is not a finite number.");
                }
            }

            if (!double.TryParse(fields[d], NumberStyles.Float, CultureInfo.InvariantCulture, out double label) ||
                label != Math.Floor(label) || Math.Abs(label) > int.MaxValue)
            {
                throw new FormatException($"{name}, line {lineNo}: label '{fields[d]}' is not an integer.");
            }

            y[i] = (int)label;
        }

        return (x, y);
    }

    private static int ParseCount(string field, string name, string what)
    {
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
        {
            throw new FormatException($"{name}, line 1: the {what} '{field}' is not a positive integer.");
        }

        return v;
    }
}
