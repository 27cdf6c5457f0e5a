using Tango.Core;
using Tango.Losses.Reducers;

namespace Tango.Losses.Kernels;

/// <summary>
/// TripletMarginLoss fused with a streaming reduction: Σ_kept w·l(t) / divisor over triplets t = (a, p, n) with
/// l = hinge or softplus of dir·(d_ap − d_an′) + margin, where d_an′ is d_an or, with swap, the closer of d_an and
/// d_pn. Forward and backward each stream once over the triplets reading the (n, m) distance matrix, so memory is
/// O(n·m) however many triplets there are. The backward recomputes each triplet's loss, so the kept set is the
/// forward's exactly.
/// </summary>
internal static class TripletMarginKernel
{
    /// <summary>The per-triplet rule.</summary>
    public readonly record struct Term(float Direction, float Margin, bool Swap, bool Smooth)
    {
        // Returns l; slope = dl/dv; swapped = whether d_pn replaced d_an.
        public float Loss(float ap, float an, float pn, out float slope, out bool swapped)
        {
            swapped = Swap && Direction * (pn - an) < 0;
            float v = Direction * (ap - (swapped ? pn : an)) + Margin;
            if (Smooth)
            {
                slope = 1f / (1f + MathF.Exp(-v));
                return v > 20f ? v : MathF.Log(1f + MathF.Exp(v));
            }

            slope = v > 0 ? 1f : 0f;
            return MathF.Max(v, 0f);
        }
    }

    // mat: (n, m) -> ()
    public static Tensor Reduce(Tensor mat, TripletSource source, Term term, StreamingReduction reduction,
        int[]? labels, Tensor embeddings)
    {
        var (sum, kept, total) = Forward(mat, source, term, reduction, labels);
        double divisor = reduction.Divisor switch
        {
            StreamingDivisor.KeptCount => kept,
            StreamingDivisor.TotalCount => total,
            _ => 1,
        };
        if (total == 0 || divisor == 0)
        {
            return LossOps.ZeroLoss(embeddings);
        }

        float scale = (float)(1 / divisor);
        var y = Tensor.Scalar((float)(sum / divisor));
        return y.Record("TripletMarginStream", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            Backward(mat, d, source, term, reduction, labels, g.Item() * scale);
            mat.AccumulateGrad(d);
        });
    }

    private static (double Sum, long Kept, long Total) Forward(Tensor mat, TripletSource source, Term term,
        StreamingReduction reduction, int[]? labels)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        if (source.List is { } list)
        {
            double sum = 0;
            long kept = 0;
            for (int k = 0; k < list.Count; k++)
            {
                int a = list.A[k], p = list.P[k], n = list.N[k];
                float l = term.Loss(v[a * m + p], v[a * m + n], term.Swap ? v[p * m + n] : 0f, out _, out _);
                if (reduction.Keeps(l))
                {
                    sum += Weight(reduction, labels, a) * l;
                    kept++;
                }
            }

            return (sum, kept, list.Count);
        }

        var groups = source.Groups!;
        var sums = new double[source.BatchSize];
        var counts = new long[source.BatchSize];
        Parallel.For(0, source.BatchSize, a => (sums[a], counts[a]) = ForwardAnchor(v, m, a, groups, term, reduction,
            Weight(reduction, labels, a)));
        return (sums.Sum(), counts.Sum(), groups.TripletCount());
    }

    private static (double, long) ForwardAnchor(float[] v, int m, int a, LabelGroups groups, Term term,
        StreamingReduction reduction, float w)
    {
        var negatives = groups.Negatives(a);
        double sum = 0;
        long kept = 0;
        foreach (int p in groups.Positives(a))
        {
            float ap = v[a * m + p];
            foreach (int n in negatives)
            {
                float l = term.Loss(ap, v[a * m + n], term.Swap ? v[p * m + n] : 0f, out _, out _);
                if (reduction.Keeps(l))
                {
                    sum += l;
                    kept++;
                }
            }
        }

        return (sum * w, kept);
    }

    private static void Backward(Tensor mat, Tensor d, TripletSource source, Term term, StreamingReduction reduction,
        int[]? labels, float scale)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        var dv = d.Buffer;
        if (source.List is { } list)
        {
            for (int k = 0; k < list.Count; k++)
            {
                Accumulate(v, dv, m, list.A[k], list.P[k], list.N[k], term, reduction,
                    scale * Weight(reduction, labels, list.A[k]));
            }

            return;
        }

        // Without swap, anchor a writes only row a: anchors run in parallel, deterministically.
        var groups = source.Groups!;
        ParallelOptions options = new() { MaxDegreeOfParallelism = term.Swap ? 1 : -1 };
        Parallel.For(0, source.BatchSize, options, a =>
        {
            float c = scale * Weight(reduction, labels, a);
            foreach (int p in groups.Positives(a))
            {
                foreach (int n in groups.Negatives(a))
                {
                    Accumulate(v, dv, m, a, p, n, term, reduction, c);
                }
            }
        });
    }

    private static void Accumulate(float[] v, float[] dv, int m, int a, int p, int n, Term term,
        StreamingReduction reduction, float c)
    {
        float l = term.Loss(v[a * m + p], v[a * m + n], term.Swap ? v[p * m + n] : 0f, out float slope,
            out bool swapped);
        if (!reduction.Keeps(l) || slope == 0)
        {
            return;
        }

        float g = c * slope * term.Direction;
        dv[a * m + p] += g;
        dv[swapped ? p * m + n : a * m + n] -= g;
    }

    private static float Weight(StreamingReduction reduction, int[]? labels, int anchor)
    {
        if (reduction.ClassWeights is not { } w)
        {
            return 1f;
        }

        int label = labels![anchor];
        return (uint)label < (uint)w.Length ? w[label] : throw new ArgumentException(
            $"ClassWeightedReducer: label {label} has no weight; there are {w.Length} class weights.");
    }
}
