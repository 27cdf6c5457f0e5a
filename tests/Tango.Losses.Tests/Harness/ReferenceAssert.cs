namespace Tango.Losses.Tests.Harness;

/// <summary>
/// Comparisons of our float32 results with PML's float64 reference.
/// <para>Loss values: |ours − float64| ≤ 1e-4·|float64| (+1e-7 absolute, for losses that are exactly 0).</para>
/// <para>
/// Gradients: elementwise |ours − float64| ≤ <see cref="GradientSlack"/>·e32 + 1e-5·max|g64|, where e32 is the
/// max |float32 − float64| PML itself recorded for the case. That distance is what single precision costs
/// PML's own algorithm; ours differs in summation order and computes Euclidean distances from a Gram matrix (PML's
/// torch.cdist takes the same route for more than 25 rows), so we allow a small multiple of it, plus a floor of
/// 1e-5 of the gradient's scale (about 100 float32 ulps of the largest entry) for cases where PML's float32 happens
/// to agree to the last bit.
/// </para>
/// </summary>
public static class ReferenceAssert
{
    /// <summary>Multiple of PML's own float32 gradient error allowed.</summary>
    public const double GradientSlack = 20;

    /// <summary>Relative tolerance of loss values against float64.</summary>
    public const double LossRelative = 1e-4;

    /// <summary>Asserts a loss value against the float64 reference.</summary>
    public static void Loss(ReferenceCase c, double actual, double relative = LossRelative) =>
        Tolerance.Close(c.Loss64, actual, rtol: relative, atol: 1e-7, what: $"{c.Name} loss");

    /// <summary>Asserts a gradient against a float64 reference gradient of the case.</summary>
    public static void Gradient(ReferenceCase c, double[] expected, float[] actual, string what, double slack = 1)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        double atol = slack * (GradientSlack * c.Grad32Error + 1e-5 * scale);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(actual[i] - expected[i]);
            if (diff > worst)
            {
                (worst, at) = (diff, i);
            }
        }

        Assert.True(worst <= atol,
            $"{c.Name} {what}[{at}]: expected {expected[Math.Max(at, 0)]:G9}, got {actual[Math.Max(at, 0)]:G9}; " +
            $"max |diff| {worst:G3} > {atol:G3} (PML float32 error {c.Grad32Error:G3}, scale {scale:G3}).");
    }
}
