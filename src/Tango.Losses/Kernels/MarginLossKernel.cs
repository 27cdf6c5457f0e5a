using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// MarginLoss with its divisor reducer, fused: with h⁺ = [dir·(d_ap − β) + α]₊ and h⁻ = [dir·(β − d_an) + α]₊ per
/// triplet, the value is Σ(h⁺ + h⁻)/k with k the number of non-zero hinges, plus the β penalty (ν·Σβ_t/k per class,
/// or ν·β once for a shared learned β). One streaming pass forward and one backward over the (n, m) matrix and β.
/// </summary>
internal static class MarginLossKernel
{
    /// <summary>The rule: direction, margin α, penalty ν (0 when β is not learned), whether β is per class.</summary>
    public readonly record struct Term(float Direction, float Margin, float Nu, bool PerClass);

    // mat: (n, m), beta: (classes) or (1) -> ()
    public static Tensor Reduce(Tensor mat, Tensor beta, TripletSource source, Term term, int[]? labels,
        Tensor embeddings)
    {
        int m = mat.Dim(1);
        var v = mat.Buffer;
        var b = beta.Buffer;
        double sum = 0, betaSum = 0;
        long nonZero = 0;
        Visit(source, (a, p, n) =>
        {
            float bt = b[term.PerClass ? ClassOf(labels!, a, b.Length) : 0];
            float hp = MathF.Max(term.Direction * (v[a * m + p] - bt) + term.Margin, 0f);
            float hn = MathF.Max(term.Direction * (bt - v[a * m + n]) + term.Margin, 0f);
            sum += hp + hn;
            betaSum += bt;
            nonZero += (hp > 0 ? 1 : 0) + (hn > 0 ? 1 : 0);
        });

        bool shared = !term.PerClass && term.Nu != 0;
        if (nonZero == 0 && !shared)
        {
            return LossOps.ZeroLoss(embeddings);
        }

        float k = nonZero == 0 ? 0f : 1f / nonZero;
        double value = (sum + (term.PerClass ? term.Nu * betaSum : 0)) * k + (shared ? term.Nu * b[0] : 0);
        var y = Tensor.Scalar((float)value);
        return y.Record("MarginLossStream", [mat, beta], g =>
        {
            float gk = g.Item() * k;
            var dMat = Tensor.Zeros(mat.Shape);
            var dBeta = Tensor.Zeros(beta.Shape);
            var dm = dMat.Buffer;
            var db = dBeta.Buffer;
            Visit(source, (a, p, n) =>
            {
                int c = term.PerClass ? ClassOf(labels!, a, b.Length) : 0;
                float bt = b[c];
                float slopeP = term.Direction * (v[a * m + p] - bt) + term.Margin > 0 ? term.Direction * gk : 0f;
                float slopeN = term.Direction * (bt - v[a * m + n]) + term.Margin > 0 ? term.Direction * gk : 0f;
                dm[a * m + p] += slopeP;
                dm[a * m + n] -= slopeN;
                db[c] += slopeN - slopeP + (term.PerClass ? term.Nu * gk : 0f);
            });
            if (shared)
            {
                db[0] += term.Nu * g.Item();
            }

            mat.AccumulateGrad(dMat);
            beta.AccumulateGrad(dBeta);
        });
    }

    private static void Visit(TripletSource source, Action<int, int, int> visit)
    {
        if (source.List is { } list)
        {
            for (int t = 0; t < list.Count; t++)
            {
                visit(list.A[t], list.P[t], list.N[t]);
            }

            return;
        }

        var groups = source.Groups!;
        for (int a = 0; a < source.BatchSize; a++)
        {
            var negatives = groups.Negatives(a);
            foreach (int p in groups.Positives(a))
            {
                foreach (int n in negatives)
                {
                    visit(a, p, n);
                }
            }
        }
    }

    private static int ClassOf(int[] labels, int anchor, int classes) => (uint)labels[anchor] < (uint)classes
        ? labels[anchor]
        : throw new ArgumentException($"MarginLoss: label {labels[anchor]} has no β; the loss was created for " +
            $"{classes} classes.");
}
