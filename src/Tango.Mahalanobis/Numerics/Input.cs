namespace Tango.Mahalanobis.Numerics;

/// <summary>Validation of user inputs: shapes, finiteness, labels; each failure names what is wrong.</summary>
internal static class Input
{
    /// <summary>Copies a feature matrix to row-major doubles after checking its size and values.</summary>
    public static double[] Features(double[,] x, string learner, int minSamples = 1, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, name);
        CheckShape(x.GetLength(0), x.GetLength(1), learner, minSamples, name);
        var flat = Dense.Flatten(x);
        CheckFinite(flat, x.GetLength(1), learner, name);
        return flat;
    }

    /// <summary>Single-precision version of <see cref="Features(double[,], string, int, string)"/>.</summary>
    public static double[] Features(float[,] x, string learner, int minSamples = 1, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(x, name);
        CheckShape(x.GetLength(0), x.GetLength(1), learner, minSamples, name);
        var flat = Dense.Flatten(x);
        CheckFinite(flat, x.GetLength(1), learner, name);
        return flat;
    }

    private static void CheckShape(int n, int d, string learner, int minSamples, string name)
    {
        if (d < 1)
        {
            throw new ArgumentException($"{learner}: {name} has no feature columns (shape ({n}, {d})).", name);
        }

        if (n < minSamples)
        {
            throw new ArgumentException(
                $"{learner}: {name} has {n} rows; at least {minSamples} are needed (shape ({n}, {d})).", name);
        }
    }

    private static void CheckFinite(ReadOnlySpan<double> flat, int d, string learner, string name)
    {
        for (int i = 0; i < flat.Length; i++)
        {
            if (!double.IsFinite(flat[i]))
            {
                throw new ArgumentException(
                    $"{learner}: {name}[{i / d}, {i % d}] is {flat[i]}; features must be finite.", name);
            }
        }
    }

    /// <summary>Checks that there is one label per row.</summary>
    public static void Labels(int[] labels, int n, string learner, string name = "labels")
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Length != n)
        {
            throw new ArgumentException(
                $"{learner}: {name} has {labels.Length} entries but x has {n} rows; give one label per row.", name);
        }
    }

    /// <summary>Maps labels to 0..C-1 in ascending label order (numpy's <c>unique(return_inverse=True)</c>).</summary>
    public static (int[] Classes, int[] Index) Encode(ReadOnlySpan<int> labels)
    {
        var classes = labels.ToArray();
        Array.Sort(classes);
        int count = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            if (i == 0 || classes[i] != classes[i - 1])
            {
                classes[count++] = classes[i];
            }
        }

        Array.Resize(ref classes, count);
        var index = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            index[i] = Array.BinarySearch(classes, labels[i]);
        }

        return (classes, index);
    }

    /// <summary>Checks an index array against the number of rows it points into.</summary>
    public static void Indices(ReadOnlySpan<int> indices, int n, string learner, string name)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(name,
                    $"{learner}: {name}[{i}] = {indices[i]} is outside the {n} rows of x.");
            }
        }
    }

    /// <summary>Checks a learner's component count against the feature count (null means all features).</summary>
    public static int ComponentCount(int? components, int d, string learner)
    {
        if (components is null)
        {
            return d;
        }

        if (components.Value < 1 || components.Value > d)
        {
            throw new ArgumentOutOfRangeException(nameof(components),
                $"{learner}: components = {components.Value} must be in [1, {d}] (the number of features).");
        }

        return components.Value;
    }
}
