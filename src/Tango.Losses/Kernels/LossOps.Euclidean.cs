using Tango.Core;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// Euclidean distances from a Gram matrix: d²[i, j] = max(‖q_i‖² + ‖r_j‖² − 2·gram[i, j], 0), and d = √d²
    /// unless <paramref name="squared"/>. When <paramref name="zeroDiagonal"/> (the reference is the query
    /// itself) d[i, i] = 0 exactly instead of a rounding residue. Backward: with c = g (squared) or g/(2d), zero
    /// where d² was clamped (the safe gradient at 0, as torch's clamp_min before sqrt),
    /// d gram = −2c, d qSq[i] = Σ_j c[i, j], d rSq[j] = Σ_i c[i, j].
    /// </summary>
    // gram: (n, m), qSq: (n), rSq: (m) -> d: (n, m)
    public static Tensor EuclideanFromGram(Tensor gram, Tensor qSq, Tensor rSq, bool squared, bool zeroDiagonal)
    {
        int n = gram.Dim(0), m = gram.Dim(1);
        var d = Tensor.Uninitialized([n, m]);
        var gv = gram.Span;
        var q = qSq.Span;
        var r = rSq.Span;
        var dv = d.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                float d2 = MathF.Max(q[i] + r[j] - 2f * gv[i * m + j], 0f);
                dv[i * m + j] = squared ? d2 : MathF.Sqrt(d2);
            }

            if (zeroDiagonal && i < m)
            {
                dv[i * m + i] = 0f;
            }
        }

        return d.Record("EuclideanFromGram", [gram, qSq, rSq], g =>
        {
            var c = Tensor.Uninitialized([n, m]);
            var cv = c.Span;
            var gs = g.Span;
            var dd = d.Span;
            for (int k = 0; k < cv.Length; k++)
            {
                cv[k] = dd[k] > 0 ? (squared ? gs[k] : gs[k] / (2f * dd[k])) : 0f;
            }

            if (gram.RequiresGrad)
            {
                gram.AccumulateGrad(c.Mul(-2f));
            }

            if (qSq.RequiresGrad)
            {
                qSq.AccumulateGrad(c.Sum(1));
            }

            if (rSq.RequiresGrad)
            {
                rSq.AccumulateGrad(c.Sum(0));
            }
        });
    }
}
