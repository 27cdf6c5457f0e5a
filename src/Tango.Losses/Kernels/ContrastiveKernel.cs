using Tango.Core;
using Tango.Losses.Reducers;

namespace Tango.Losses.Kernels;

/// <summary>
/// ContrastiveLoss fused with streaming reductions of its two sub-losses: pos = [dir·(d − m_pos)]₊ over positive
/// pairs, neg = [dir·(m_neg − d)]₊ over negative pairs, each Σ_kept w·l / K (docs/derivations/streaming-losses.md).
/// Pairs come from the labels (no lists: every (i, j) of the matrix is classified on the fly) or from explicit
/// lists. Forward and backward are one pass each over the (n, m) matrix.
/// </summary>
internal static class ContrastiveKernel
{
    public readonly record struct Term(float Direction, float PosMargin, float NegMargin);

    /// <summary>Per-kind accumulators: weighted sum of kept losses, kept count, total count.</summary>
    private struct Sums
    {
        public double Sum;
        public long Kept;
        public long Total;
    }

    // mat: (n, m) -> ()
    public static Tensor Reduce(Tensor mat, LossInput input, Term term, StreamingReduction pos, StreamingReduction neg)
    {
        var (p, q) = Forward(mat, input, term, pos, neg);
        float pScale = Scale(p, pos), nScale = Scale(q, neg);
        if (pScale == 0 && nScale == 0)
        {
            return LossOps.ZeroLoss(input.Embeddings);
        }

        var y = Tensor.Scalar((float)(p.Sum * pScale + q.Sum * nScale));
        return y.Record("ContrastiveStream", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            Backward(mat, d, input, term, pos, neg, g.Item() * pScale, g.Item() * nScale);
            mat.AccumulateGrad(d);
        });
    }

    // 1/divisor, or 0 when the sub-loss reduces to zero.
    private static float Scale(Sums s, StreamingReduction r)
    {
        double divisor = r.Divisor switch
        {
            StreamingDivisor.KeptCount => s.Kept,
            StreamingDivisor.TotalCount => s.Total,
            _ => 1,
        };
        return s.Total == 0 || divisor == 0 ? 0f : (float)(1 / divisor);
    }

    private static float Loss(float v, bool positive, Term t) =>
        MathF.Max(positive ? t.Direction * (v - t.PosMargin) : t.Direction * (t.NegMargin - v), 0f);

    private static (Sums, Sums) Forward(Tensor mat, LossInput input, Term term, StreamingReduction pos,
        StreamingReduction neg)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        var (p, q) = (default(Sums), default(Sums));
        void Add(ref Sums s, float l, StreamingReduction r, float w)
        {
            s.Total++;
            if (r.Keeps(l))
            {
                s.Sum += w * l;
                s.Kept++;
            }
        }

        if (input.Tuples is { } tuples)
        {
            var pairs = tuples.ToPairs();
            for (int k = 0; k < pairs.A1.Length; k++)
            {
                Add(ref p, Loss(v[pairs.A1[k] * m + pairs.P[k]], true, term), pos, Weight(pos, input, pairs.A1[k]));
            }

            for (int k = 0; k < pairs.A2.Length; k++)
            {
                Add(ref q, Loss(v[pairs.A2[k] * m + pairs.N[k]], false, term), neg, Weight(neg, input, pairs.A2[k]));
            }

            return (p, q);
        }

        var labels = input.Labels!;
        var refLabels = input.ReferenceLabels!;
        for (int i = 0; i < labels.Length; i++)
        {
            float wp = Weight(pos, input, i), wn = Weight(neg, input, i);
            for (int j = 0; j < m; j++)
            {
                if (labels[i] != refLabels[j])
                {
                    Add(ref q, Loss(v[i * m + j], false, term), neg, wn);
                }
                else if (!(input.ExcludeSelf && i == j))
                {
                    Add(ref p, Loss(v[i * m + j], true, term), pos, wp);
                }
            }
        }

        return (p, q);
    }

    private static void Backward(Tensor mat, Tensor d, LossInput input, Term term, StreamingReduction pos,
        StreamingReduction neg, float pScale, float nScale)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        var dv = d.Buffer;
        // d/dv of [dir·(v − m)]₊ is dir, of [dir·(m − v)]₊ is −dir, where the hinge is active and the entry kept.
        void Add(int index, bool positive, StreamingReduction r, float c)
        {
            float l = Loss(v[index], positive, term);
            if (l > 0 && r.Keeps(l))
            {
                dv[index] += positive ? c * term.Direction : -c * term.Direction;
            }
        }

        if (input.Tuples is { } tuples)
        {
            var pairs = tuples.ToPairs();
            for (int k = 0; k < pairs.A1.Length; k++)
            {
                Add(pairs.A1[k] * m + pairs.P[k], true, pos, pScale * Weight(pos, input, pairs.A1[k]));
            }

            for (int k = 0; k < pairs.A2.Length; k++)
            {
                Add(pairs.A2[k] * m + pairs.N[k], false, neg, nScale * Weight(neg, input, pairs.A2[k]));
            }

            return;
        }

        var labels = input.Labels!;
        var refLabels = input.ReferenceLabels!;
        for (int i = 0; i < labels.Length; i++)
        {
            float cp = pScale * Weight(pos, input, i), cn = nScale * Weight(neg, input, i);
            for (int j = 0; j < m; j++)
            {
                if (labels[i] != refLabels[j])
                {
                    Add(i * m + j, false, neg, cn);
                }
                else if (!(input.ExcludeSelf && i == j))
                {
                    Add(i * m + j, true, pos, cp);
                }
            }
        }
    }

    private static float Weight(StreamingReduction r, LossInput input, int anchor)
    {
        if (r.ClassWeights is not { } w)
        {
            return 1f;
        }

        int label = input.Labels![anchor];
        return (uint)label < (uint)w.Length ? w[label] : throw new ArgumentException(
            $"ClassWeightedReducer: label {label} has no weight; there are {w.Length} class weights.");
    }
}
