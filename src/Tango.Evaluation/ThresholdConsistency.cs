using Tango.Core;
using Tango.Core.Kernels;

namespace Tango.Evaluation;

/// <summary>
/// OPIS, the operating-point-inconsistency score of Zhang et al. 2024 ("Threshold-Consistent Margin Loss for
/// Open-World Deep Metric Learning", ICLR): how much the utility of one global similarity threshold varies across
/// classes over a calibration range of thresholds,
/// OPIS = (1 / (t_max − t_min)) ∫_{t_min}^{t_max} Σ_c w_c (U_c(t) − Ū(t))² dt, with w_c = 1/C and
/// Ū(t) = Σ_c w_c U_c(t); 0 means every class is served equally well by any threshold in the range.
/// <para>
/// Tango's concrete choices (the paper leaves them to the application): pairs (i, j), i &lt; j, are accepted when
/// their similarity s_ij ≥ t; class c's utility is the F1 score of its pairs, U_c = 2TP / (2TP + FP + FN), where
/// its positive pairs have both members in c and its negative pairs exactly one; classes with no positive pair
/// are skipped; the integral is the mean over an even grid of thresholds; the default calibration range spans
/// the thresholds whose false-accept rate over all negative pairs lies in [10⁻³, 10⁻¹] (located on a histogram of
/// 2²⁰ bins, so to within 10⁻⁶ of the score range).
/// </para>
/// </summary>
public static class ThresholdConsistency
{
    private const int Bins = 1 << 20;

    /// <summary>OPIS over the thresholds where the false-accept rate is within [farLow, farHigh].</summary>
    public static OpisReport Opis(Tensor embeddings, int[] labels, double farLow = 1e-3, double farHigh = 1e-1,
        int steps = 100, SimilarityFunction similarity = SimilarityFunction.Cosine)
    {
        if (!(farLow > 0 && farLow < farHigh && farHigh < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(farLow), $"Need 0 < farLow < farHigh < 1; got {farLow} and " +
                                                                  $"{farHigh}.");
        }

        var pairs = new PairScores(embeddings, labels, similarity);
        var (lo, hi) = pairs.NegativeRange();
        var histogram = new long[Bins];
        long negatives = 0;
        pairs.ForEach((s, same, _, _) =>
        {
            if (!same)
            {
                histogram[Math.Clamp((int)((s - lo) / (hi - lo) * Bins), 0, Bins - 1)]++;
                negatives++;
            }
        });
        double high = Quantile(histogram, negatives, farLow, lo, hi);
        double low = Quantile(histogram, negatives, farHigh, lo, hi);
        return Opis(pairs, low, Math.Max(low, high), steps);
    }

    /// <summary>OPIS over <paramref name="steps"/> even thresholds from <paramref name="low"/> to
    /// <paramref name="high"/>.</summary>
    public static OpisReport OpisOverThresholds(Tensor embeddings, int[] labels, double low, double high, int steps,
        SimilarityFunction similarity = SimilarityFunction.Cosine) =>
        Opis(new PairScores(embeddings, labels, similarity), low, high, steps);

    private static OpisReport Opis(PairScores pairs, double low, double high, int steps)
    {
        if (steps < 1 || !(low <= high))
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"Need steps ≥ 1 and low ≤ high; got {steps}, " +
                                                                 $"[{low}, {high}].");
        }

        var thresholds = Enumerable.Range(0, steps)
            .Select(s => steps == 1 ? low : low + (high - low) * s / (steps - 1)).ToArray();
        int classes = pairs.ClassCount;
        // accepted[c, s]: pairs of class c with similarity ≥ thresholds[s], counted by the last threshold they pass.
        var positives = new long[classes, steps + 1];
        var negatives = new long[classes, steps + 1];
        pairs.ForEach((score, same, ci, cj) =>
        {
            int passed = PassedCount(thresholds, score);
            if (same)
            {
                positives[ci, passed]++;
            }
            else
            {
                negatives[ci, passed]++;
                negatives[cj, passed]++;
            }
        });
        return Summarise(pairs, thresholds, positives, negatives);
    }

    // The number of thresholds t with t ≤ score (thresholds ascending).
    private static int PassedCount(double[] thresholds, double score)
    {
        int at = Array.BinarySearch(thresholds, score);
        if (at < 0)
        {
            return ~at;
        }

        while (at + 1 < thresholds.Length && thresholds[at + 1] <= score)
        {
            at++;
        }

        return at + 1;
    }

    private static OpisReport Summarise(PairScores pairs, double[] thresholds, long[,] positives, long[,] negatives)
    {
        int steps = thresholds.Length;
        var kept = new List<int>();
        var curves = new List<IReadOnlyList<double>>();
        for (int c = 0; c < pairs.ClassCount; c++)
        {
            long total = 0;
            for (int b = 0; b <= steps; b++)
            {
                total += positives[c, b];
            }

            if (total == 0)
            {
                continue;
            }

            var curve = new double[steps];
            long tp = 0, fp = 0;
            for (int s = steps - 1; s >= 0; s--)
            {
                // Pairs that pass threshold s are those that pass s + 1 or more thresholds.
                tp += positives[c, s + 1];
                fp += negatives[c, s + 1];
                curve[s] = 2.0 * tp / (2.0 * tp + fp + (total - tp));
            }

            kept.Add(pairs.ClassLabel(c));
            curves.Add(curve);
        }

        double opis = 0;
        for (int s = 0; s < steps && curves.Count > 0; s++)
        {
            double mean = curves.Average(u => u[s]);
            opis += curves.Average(u => (u[s] - mean) * (u[s] - mean));
        }

        return new OpisReport(curves.Count == 0 ? double.NaN : opis / steps, thresholds, kept, curves);
    }

    // The score above which a fraction `far` of the negatives lies, from the histogram (upper bin edge).
    private static double Quantile(long[] histogram, long count, double far, double lo, double hi)
    {
        long above = 0;
        for (int b = histogram.Length - 1; b >= 0; b--)
        {
            above += histogram[b];
            if (above >= far * count)
            {
                return lo + (hi - lo) * (b + 1) / histogram.Length;
            }
        }

        return lo;
    }

    /// <summary>All pairs i &lt; j of the rows, their similarity (through the GEMM) and their class indices.</summary>
    private sealed class PairScores
    {
        private readonly float[] _z;
        private readonly float[] _norms;
        private readonly int[] _classOf;
        private readonly int[] _labelOf;
        private readonly int _n;
        private readonly int _d;
        private readonly SimilarityFunction _similarity;

        public PairScores(Tensor embeddings, int[] labels, SimilarityFunction similarity)
        {
            ArgumentNullException.ThrowIfNull(embeddings);
            ArgumentNullException.ThrowIfNull(labels);
            if (embeddings.Rank != 2 || embeddings.Dim(0) != labels.Length || labels.Length < 2)
            {
                throw new ArgumentException($"OPIS: need (n, d) embeddings with n ≥ 2 and n labels; got " +
                                            $"{embeddings.ShapeString} and {labels.Length} labels.");
            }

            if (similarity == SimilarityFunction.Manhattan)
            {
                throw new ArgumentOutOfRangeException(nameof(similarity), similarity, "OPIS supports Cosine, " +
                                                                                      "DotProduct and Euclidean.");
            }

            (_n, _d, _similarity) = (labels.Length, embeddings.Dim(1), similarity);
            _z = embeddings.ToArray();
            _norms = new float[_n];
            for (int i = 0; i < _n; i++)
            {
                var row = _z.AsSpan(i * _d, _d);
                _norms[i] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row);
                if (similarity == SimilarityFunction.Cosine)
                {
                    float scale = 1f / MathF.Max(MathF.Sqrt(_norms[i]), 1e-12f);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(row, scale, row);
                }
            }

            _labelOf = [.. labels.Distinct().Order()];
            var index = _labelOf.Select((l, c) => (l, c)).ToDictionary(p => p.l, p => p.c);
            _classOf = [.. labels.Select(l => index[l])];
        }

        public int ClassCount => _labelOf.Length;

        public int ClassLabel(int c) => _labelOf[c];

        public (double Low, double High) NegativeRange()
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            ForEach((s, same, _, _) =>
            {
                if (!same)
                {
                    (lo, hi) = (Math.Min(lo, s), Math.Max(hi, s));
                }
            });
            if (double.IsInfinity(lo))
            {
                throw new ArgumentException("OPIS: every pair has the same label, so there is no false-accept rate.");
            }

            return (lo, hi > lo ? hi : lo + 1e-9);
        }

        public void ForEach(Action<double, bool, int, int> visit)
        {
            const int block = 256;
            var dots = new float[block * _n];
            for (int i0 = 0; i0 < _n; i0 += block)
            {
                int rows = Math.Min(block, _n - i0);
                Gemm.Sgemm(false, true, rows, _n, _d, 1f, _z.AsSpan(i0 * _d), _d, _z, _d, 0f, dots, _n);
                for (int r = 0; r < rows; r++)
                {
                    int i = i0 + r;
                    for (int j = i + 1; j < _n; j++)
                    {
                        double dot = dots[r * _n + j];
                        double s = _similarity == SimilarityFunction.Euclidean
                            ? -Math.Sqrt(Math.Max(0, _norms[i] + (double)_norms[j] - 2 * dot))
                            : dot;
                        visit(s, _classOf[i] == _classOf[j], _classOf[i], _classOf[j]);
                    }
                }
            }
        }
    }
}
