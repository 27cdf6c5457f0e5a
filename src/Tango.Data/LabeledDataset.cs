using Tango.Core;

namespace Tango.Data;

/// <summary>
/// A labelled feature matrix: <see cref="Rows"/> rows of <see cref="Cols"/> float32 features (row-major) and a
/// dense class label 0..k−1 per row, with the name of each class.
/// </summary>
public sealed class LabeledDataset
{
    /// <summary>Creates a dataset after checking that the shapes agree and every label names a class.</summary>
    public LabeledDataset(string name, float[] features, int rows, int cols, int[] labels, string[] classNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if ((long)rows * cols != features.Length || labels.Length != rows)
        {
            throw new ArgumentException($"Dataset '{name}': {features.Length} features and {labels.Length} labels " +
                                        $"do not make {rows} rows of {cols} columns.", nameof(features));
        }

        int bad = Array.FindIndex(labels, y => (uint)y >= (uint)classNames.Length);
        if (bad >= 0)
        {
            throw new ArgumentException($"Dataset '{name}': row {bad} has label {labels[bad]}, outside the " +
                                        $"{classNames.Length} classes.", nameof(labels));
        }

        Name = name;
        Features = features;
        Rows = rows;
        Cols = cols;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>
    /// Loads features from <paramref name="featuresPath"/> (see <see cref="FeatureFile.Read"/>) and one label per
    /// row from <paramref name="labelsPath"/> (see <see cref="LabelFile.Read"/>).
    /// </summary>
    /// <exception cref="DataFormatException">The two files hold different numbers of rows.</exception>
    public static LabeledDataset Load(string featuresPath, string labelsPath, LabelFileOptions? labelOptions = null)
    {
        var x = FeatureFile.Read(featuresPath);
        var labels = LabelFile.Read(labelsPath, labelOptions);
        if (labels.Labels.Length != x.Dim(0))
        {
            throw new DataFormatException(labelsPath, 0, $"{labels.Labels.Length} labels for the {x.Dim(0)} rows " +
                                                         $"of '{featuresPath}'; expected one label per row.");
        }

        return new LabeledDataset(Path.GetFileName(featuresPath), x.ToArray(), x.Dim(0), x.Dim(1), labels.Labels,
            labels.ClassNames);
    }

    /// <summary>The dataset's name (for reports and configs).</summary>
    public string Name { get; }

    /// <summary>The features, (Rows, Cols) row-major.</summary>
    public float[] Features { get; }

    /// <summary>The number of rows (examples).</summary>
    public int Rows { get; }

    /// <summary>The number of features per row.</summary>
    public int Cols { get; }

    /// <summary>The class of every row, in 0..ClassCount−1.</summary>
    public int[] Labels { get; }

    /// <summary>The name of each class.</summary>
    public string[] ClassNames { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount => ClassNames.Length;

    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return Features.AsSpan(row * Cols, Cols);
    }

    /// <summary>The number of rows of each class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int y in Labels)
        {
            counts[y]++;
        }

        return counts;
    }

    /// <summary>The features as a (Rows, Cols) tensor (a copy).</summary>
    public Tensor FeatureTensor() => Tensor.FromArray((float[])Features.Clone(), Rows, Cols);

    /// <summary>
    /// The given rows, in the given order (repeats allowed), as a new dataset with copied features; labels keep
    /// their numbering and all class names, so subsets of one dataset stay comparable.
    /// </summary>
    public LabeledDataset Subset(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var features = new float[(long)rows.Length * Cols];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Subset: row {r} (at {i}) is outside the " +
                                                                    $"{Rows} rows of '{Name}'.");
            }

            Features.AsSpan(r * Cols, Cols).CopyTo(features.AsSpan(i * Cols));
            labels[i] = Labels[r];
        }

        return new LabeledDataset(Name, features, rows.Length, Cols, labels, ClassNames);
    }
}
