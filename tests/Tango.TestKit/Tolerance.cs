using Xunit;

namespace Tango.TestKit;

/// <summary>Tolerant comparisons of float results against references.</summary>
public static class Tolerance
{
    /// <summary>Asserts |actual - expected| ≤ atol + rtol·|expected| elementwise, naming the first failing index.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol = 1e-5,
        double atol = 1e-6, string what = "value")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) && double.IsNaN(a))
            {
                continue;
            }

            double bound = atol + rtol * Math.Abs(e);
            Assert.True(Math.Abs(a - e) <= bound || e == a,
                $"{what}[{i}]: expected {e:G9}, got {a:G9} (|diff| {Math.Abs(a - e):G3} > {bound:G3}).");
        }
    }

    /// <summary>Scalar version of <see cref="Close(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double, string)"/>.</summary>
    public static void Close(double expected, double actual, double rtol = 1e-5, double atol = 1e-6, string what = "value")
    {
        double bound = atol + rtol * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= bound,
            $"{what}: expected {expected:G9}, got {actual:G9} (|diff| {Math.Abs(actual - expected):G3} > {bound:G3}).");
    }
}
