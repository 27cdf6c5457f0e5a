using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>Classification-loss golden values by plain loops in double.</summary>
public static class NaiveClassifier
{
    /// <summary>Row i of a row-major (rows, cols) tensor as doubles.</summary>
    public static double[][] Rows(Tensor t)
    {
        int n = t.Dim(0), d = t.Dim(1);
        var v = t.ToArray();
        return [.. Enumerable.Range(0, n).Select(i => v.Skip(i * d).Take(d).Select(x => (double)x).ToArray())];
    }

    /// <summary>The columns of a (d, c) weight as rows.</summary>
    public static double[][] Columns(Tensor w)
    {
        int d = w.Dim(0), c = w.Dim(1);
        var v = w.ToArray();
        return [.. Enumerable.Range(0, c)
            .Select(j => Enumerable.Range(0, d).Select(r => (double)v[r * c + j]).ToArray())];
    }

    public static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    public static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (p, q) => p * q).Sum() / Math.Max(Norm(a), 1e-12) / Math.Max(Norm(b), 1e-12);

    /// <summary>log Σ exp(z) − z[label].</summary>
    public static double CrossEntropy(double[] z, int label)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[label];
    }

    /// <summary>
    /// Mean over rows of CE(logits, label) with logits[j] = scale(i, j)·(j == label ? modify(cos) : cos) where cos is
    /// the cosine between row i of <paramref name="x"/> and column j of <paramref name="w"/>.
    /// </summary>
    public static double MarginSoftmax(Tensor x, Tensor w, int[] labels, Func<double, double> modify,
        Func<int, int, double> scale)
    {
        var rows = Rows(x);
        var cols = Columns(w);
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var z = new double[cols.Length];
            for (int j = 0; j < cols.Length; j++)
            {
                double c = Cosine(rows[i], cols[j]);
                z[j] = scale(i, j) * (j == labels[i] ? modify(c) : c);
            }

            total += CrossEntropy(z, labels[i]);
        }

        return total / rows.Length;
    }
}
