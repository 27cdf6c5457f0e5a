using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// MarginLoss with its divisor reducer, fused: with h⁺ = [dir·(d_ap − β) + α]₊ and h⁻ = [dir·(β − d_an) + α]₊ per
/// triplet, the value is Σ(h⁺ + h⁻)/k with k the number of non-zero hinges, plus the β penalty (ν·Σβ_t/k per class,
/// or ν·β once for a shared learned β). One streaming pass forward and one backward over the (n, m) matrix and β
/// (docs/derivations/streaming-losses.md); with all triplets, anchors run in parallel with per-anchor partial sums
/// combined in order, so results do not depend on the thread count.
/// </summary>
internal static class MarginLossKernel
{
    /// <summary>The rule: direction, margin α, penalty ν (0 when β is not learned), whether β is per class.</summary>
    public readonly record struct Term(float Direction, float Margin, float Nu, bool PerClass);

    // mat: (n, m), beta: (classes) or (1) -> ()
    public static Tensor Reduce(Tensor mat, Tensor beta, TripletSource source, Term term, int[]? labels,
        Tensor embeddings)
    {
        int n = source.BatchSize;
        var classOf = new int[n];
        for (int a = 0; a < n; a++)
        {
            classOf[a] = term.PerClass ? ClassOf(labels!, a, beta.Size) : 0;
        }

        var (sum, betaSum, nonZero) = Forward(mat, beta.Buffer, source, term, classOf);
        bool shared = !term.PerClass && term.Nu != 0;
        if (nonZero == 0 && !shared)
        {
            return LossOps.ZeroLoss(embeddings);
        }

        float k = nonZero == 0 ? 0f : 1f / nonZero;
        double value = (sum + (term.PerClass ? term.Nu * betaSum : 0)) * k + (shared ? term.Nu * beta.Buffer[0] : 0);
        var y = Tensor.Scalar((float)value);
        return y.Record("MarginLossStream", [mat, beta], g =>
        {
            var dMat = Tensor.Zeros(mat.Shape);
            var dBeta = Tensor.Zeros(beta.Shape);
            Backward(mat, beta.Buffer, dMat.Buffer, dBeta.Buffer, source, term, classOf, g.Item() * k);
            if (shared)
            {
                dBeta.Buffer[0] += term.Nu * g.Item();
            }

            mat.AccumulateGrad(dMat);
            beta.AccumulateGrad(dBeta);
        });
    }

    private static (double Sum, double BetaSum, long NonZero) Forward(Tensor mat, float[] b, TripletSource source,
        Term term, int[] classOf)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        if (source.List is { } list)
        {
            var acc = default(Partial);
            for (int t = 0; t < list.Count; t++)
            {
                acc.Add(term, v[list.A[t] * m + list.P[t]], v[list.A[t] * m + list.N[t]], b[classOf[list.A[t]]]);
            }

            return (acc.Sum, acc.BetaSum, acc.NonZero);
        }

        var groups = source.Groups!;
        var partials = new Partial[source.BatchSize];
        Parallel.For(0, source.BatchSize, a =>
        {
            var acc = default(Partial);
            float bt = b[classOf[a]];
            var negatives = groups.Negatives(a);
            foreach (int p in groups.Positives(a))
            {
                float ap = v[a * m + p];
                foreach (int n in negatives)
                {
                    acc.Add(term, ap, v[a * m + n], bt);
                }
            }

            partials[a] = acc;
        });
        var total = default(Partial);
        foreach (var p in partials)
        {
            (total.Sum, total.BetaSum, total.NonZero) = (total.Sum + p.Sum, total.BetaSum + p.BetaSum,
                total.NonZero + p.NonZero);
        }

        return (total.Sum, total.BetaSum, total.NonZero);
    }

    private static void Backward(Tensor mat, float[] b, float[] dm, float[] db, TripletSource source, Term term,
        int[] classOf, float gk)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        float reg = term.PerClass ? term.Nu * gk : 0f;
        if (source.List is { } list)
        {
            for (int t = 0; t < list.Count; t++)
            {
                int a = list.A[t];
                db[classOf[a]] += Accumulate(v, dm, m, a, list.P[t], list.N[t], term, b[classOf[a]], gk) + reg;
            }

            return;
        }

        // Anchor a writes only row a of dm; its β gradient goes to a per-anchor slot, summed in order below.
        var groups = source.Groups!;
        var perAnchor = new double[source.BatchSize];
        Parallel.For(0, source.BatchSize, a =>
        {
            double acc = 0;
            float bt = b[classOf[a]];
            var negatives = groups.Negatives(a);
            foreach (int p in groups.Positives(a))
            {
                foreach (int n in negatives)
                {
                    acc += Accumulate(v, dm, m, a, p, n, term, bt, gk) + reg;
                }
            }

            perAnchor[a] = acc;
        });
        for (int a = 0; a < perAnchor.Length; a++)
        {
            db[classOf[a]] += (float)perAnchor[a];
        }
    }

    // Adds the triplet's matrix gradient and returns its β gradient.
    private static float Accumulate(float[] v, float[] dm, int m, int a, int p, int n, Term term, float bt, float gk)
    {
        float slopeP = term.Direction * (v[a * m + p] - bt) + term.Margin > 0 ? term.Direction * gk : 0f;
        float slopeN = term.Direction * (bt - v[a * m + n]) + term.Margin > 0 ? term.Direction * gk : 0f;
        dm[a * m + p] += slopeP;
        dm[a * m + n] -= slopeN;
        return slopeN - slopeP;
    }

    private static int ClassOf(int[] labels, int anchor, int classes) => (uint)labels[anchor] < (uint)classes
        ? labels[anchor]
        : throw new ArgumentException($"MarginLoss: label {labels[anchor]} has no β; the loss was created for " +
            $"{classes} classes.");

    private struct Partial
    {
        public double Sum;
        public double BetaSum;
        public long NonZero;

        public void Add(Term term, float ap, float an, float bt)
        {
            float hp = MathF.Max(term.Direction * (ap - bt) + term.Margin, 0f);
            float hn = MathF.Max(term.Direction * (bt - an) + term.Margin, 0f);
            Sum += hp + hn;
            BetaSum += bt;
            NonZero += (hp > 0 ? 1 : 0) + (hn > 0 ? 1 : 0);
        }
    }
}
