using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// Dynamic soft margin loss (Zhang &amp; Rusinkiewicz 2019; PML's <c>DynamicSoftMarginLoss</c>) over differences
/// x = d_pos − d_neg. Each x falls at u = (x − min)/Δ between bins ⌊u⌋ and ⌊u⌋ + 1 and adds 1 − frac(u) and frac(u)
/// to them; the running histogram becomes h = normalise((1 − μ)·h_old + μ·counts) (μ = 1 on the first call) and
/// L = mean_x CDF_h[⌊u⌋]·x. The histogram depends on x through frac(u), and PML differentiates through it: with
/// T differences, Z = Σ((1 − μ)·h_old + μ·counts) (constant: each x adds exactly 1) and S_b = Σ_{x: ⌊u⌋ ≥ b} x,
/// ∂L/∂x = (CDF[lo] + μ/(Z·Δ)·(S_hi − S_lo)) / T. Bins are clamped to [0, bins − 1] (PML indexes past its last bin
/// for x ≥ min + (bins − 1)·Δ and fails for x &lt; min); a clamped x adds its whole weight to the edge bin.
/// Three streaming passes (histogram, loss, backward); memory is the (n, m) matrix and the bins.
/// </summary>
internal static class DynamicSoftMarginKernel
{
    public readonly record struct Bins(float MinVal, float Delta, int Count)
    {
        public (int Lo, int Hi, float Fraction) Locate(float x)
        {
            float u = (x - MinVal) / Delta;
            float floor = MathF.Floor(u);
            int f = (int)floor;
            int lo = f < 0 ? 0 : f >= Count ? Count - 1 : f;
            int hi = f < 0 ? 0 : f >= Count - 1 ? Count - 1 : f + 1;
            return (lo, hi, u - floor);
        }
    }

    // mat: (n, m); history: (bins), updated in place -> ()
    public static Tensor Forward(Tensor mat, DifferenceSet set, Bins bins, double[] history, float momentum)
    {
        var v = mat.Buffer;
        long total = set.Count;
        var counts = SegmentSums<HistogramVisitor>(set, v, bins.Count, s => new(bins, s));
        double mu = history.Sum() != 0 ? momentum : 1;
        for (int b = 0; b < bins.Count; b++)
        {
            history[b] = (1 - mu) * history[b] + mu * counts[b];
        }

        double z = history.Sum();
        var cdf = new double[bins.Count];
        for (int b = 0; b < bins.Count; b++)
        {
            history[b] /= z;
            cdf[b] = history[b] + (b > 0 ? cdf[b - 1] : 0);
        }

        // sums[0..bins) = Σ x per lower bin, sums[bins] = Σ CDF[lo]·x.
        var sums = SegmentSums<LossVisitor>(set, v, bins.Count + 1, s => new(bins, cdf, s));
        var y = Tensor.Scalar((float)(sums[bins.Count] / total));
        var suffix = new double[bins.Count + 1];
        for (int b = bins.Count - 1; b >= 0; b--)
        {
            suffix[b] = suffix[b + 1] + sums[b];
        }

        return y.Record("DynamicSoftMargin", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var visitor = new GradientVisitor(bins, cdf, suffix, mu / (z * bins.Delta), g.Item() / total, d.Buffer);
            var options = new ParallelOptions { MaxDegreeOfParallelism = set.DisjointSegments ? -1 : 1 };
            Parallel.For(0, set.Segments, options, s =>
            {
                var local = visitor;
                set.Visit(s, v, ref local);
            });
            mat.AccumulateGrad(d);
        });
    }

    // Runs a visitor per segment in parallel and adds the segments' sums in segment order (deterministic).
    private static double[] SegmentSums<T>(DifferenceSet set, float[] v, int width, Func<double[], T> create)
        where T : struct, IDifferenceVisitor
    {
        var partial = new double[set.Segments][];
        Parallel.For(0, set.Segments, s =>
        {
            partial[s] = new double[width];
            var visitor = create(partial[s]);
            set.Visit(s, v, ref visitor);
        });
        var sum = new double[width];
        foreach (var p in partial)
        {
            for (int b = 0; b < width; b++)
            {
                sum[b] += p[b];
            }
        }

        return sum;
    }

    private readonly struct HistogramVisitor(Bins bins, double[] counts) : IDifferenceVisitor
    {
        public void Visit(float ap, int pos, ReadOnlySpan<float> negValues, ReadOnlySpan<int> negAt)
        {
            foreach (float an in negValues)
            {
                var (lo, hi, fraction) = bins.Locate(ap - an);
                counts[lo] += 1 - fraction;
                counts[hi] += fraction;
            }
        }
    }

    private readonly struct LossVisitor(Bins bins, double[] cdf, double[] sums) : IDifferenceVisitor
    {
        public void Visit(float ap, int pos, ReadOnlySpan<float> negValues, ReadOnlySpan<int> negAt)
        {
            double weighted = 0;
            foreach (float an in negValues)
            {
                float x = ap - an;
                int lo = bins.Locate(x).Lo;
                sums[lo] += x;
                weighted += cdf[lo] * x;
            }

            sums[bins.Count] += weighted;
        }
    }

    private readonly struct GradientVisitor(Bins bins, double[] cdf, double[] suffix, double slope, double scale,
        float[] dv) : IDifferenceVisitor
    {
        public void Visit(float ap, int pos, ReadOnlySpan<float> negValues, ReadOnlySpan<int> negAt)
        {
            double toPos = 0;
            for (int k = 0; k < negValues.Length; k++)
            {
                var (lo, hi, _) = bins.Locate(ap - negValues[k]);
                double g = scale * (cdf[lo] + slope * (suffix[hi] - suffix[lo]));
                toPos += g;
                if (negAt[k] >= 0)
                {
                    dv[negAt[k]] -= (float)g;
                }
            }

            if (pos >= 0)
            {
                dv[pos] += (float)toPos;
            }
        }
    }
}
