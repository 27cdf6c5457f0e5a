using Tango.Core;

namespace Tango.Evaluation;

/// <summary>Row-by-row similarities of two (n, d) embedding matrices, accumulated in double.</summary>
internal static class PairwiseSimilarity
{
    // a: (n, d), b: (n, d) -> s: (n), s_i = f(a_i, b_i) as a similarity (distances negated)
    public static double[] Compute(SimilarityFunction function, Tensor a, Tensor b, string what)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2 || a.Dim(0) != b.Dim(0) || a.Dim(1) != b.Dim(1))
        {
            throw new ArgumentException($"{what}: the embeddings must be two (n, d) matrices of the same shape; got " +
                                        $"{a.ShapeString} and {b.ShapeString}.");
        }

        int n = a.Dim(0), d = a.Dim(1);
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = Compute(function, a.Span.Slice(i * d, d), b.Span.Slice(i * d, d));
        }

        return s;
    }

    public static double Compute(SimilarityFunction function, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0, l2 = 0, l1 = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double x = a[j], y = b[j], diff = x - y;
            dot += x * y;
            aa += x * x;
            bb += y * y;
            l2 += diff * diff;
            l1 += Math.Abs(diff);
        }

        return function switch
        {
            SimilarityFunction.Cosine => dot / (Math.Max(Math.Sqrt(aa), 1e-12) * Math.Max(Math.Sqrt(bb), 1e-12)),
            SimilarityFunction.DotProduct => dot,
            SimilarityFunction.Euclidean => -Math.Sqrt(l2),
            SimilarityFunction.Manhattan => -l1,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown SimilarityFunction."),
        };
    }
}
