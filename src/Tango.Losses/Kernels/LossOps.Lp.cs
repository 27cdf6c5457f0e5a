using Tango.Core;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// Minkowski distances d[i, j] = (Σ_k |q_ik − r_jk|^p)^(1/p) computed directly (p ≠ 2 has no Gram form).
    /// Backward: ∂d/∂q_ik = sign(δ)·|δ|^(p−1) / d^(p−1) with δ = q_ik − r_jk (sign(δ) for p = 1), zero where d = 0.
    /// </summary>
    // q: (n, d), r: (m, d) -> y: (n, m)
    public static Tensor LpMatrix(Tensor q, Tensor r, float p, bool same)
    {
        int n = q.Dim(0), m = r.Dim(0), dim = q.Dim(1);
        var y = Tensor.Uninitialized([n, m]);
        var qs = q.Span;
        var rs = r.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double acc = 0;
                for (int k = 0; k < dim; k++)
                {
                    float delta = MathF.Abs(qs[i * dim + k] - rs[j * dim + k]);
                    acc += p == 1f ? delta : Math.Pow(delta, p);
                }

                ys[i * m + j] = p == 1f ? (float)acc : (float)Math.Pow(acc, 1.0 / p);
            }
        }

        return y.Record("LpMatrix", same ? [q] : [q, r], g => LpMatrixBackward(q, r, y, g, p, same));
    }

    private static void LpMatrixBackward(Tensor q, Tensor r, Tensor y, Tensor g, float p, bool same)
    {
        int n = q.Dim(0), m = r.Dim(0), dim = q.Dim(1);
        var dq = Tensor.Zeros(q.Shape);
        var dr = same ? dq : Tensor.Zeros(r.Shape);
        var qs = q.Span;
        var rs = r.Span;
        var ys = y.Span;
        var gs = g.Span;
        var dqs = dq.Span;
        var drs = dr.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                float d = ys[i * m + j], gij = gs[i * m + j];
                if (d <= 0 || gij == 0)
                {
                    continue;
                }

                float scale = p == 1f ? gij : gij / MathF.Pow(d, p - 1f);
                for (int k = 0; k < dim; k++)
                {
                    float delta = qs[i * dim + k] - rs[j * dim + k];
                    float s = p == 1f ? MathF.Sign(delta) : MathF.Sign(delta) * MathF.Pow(MathF.Abs(delta), p - 1f);
                    dqs[i * dim + k] += scale * s;
                    drs[j * dim + k] -= scale * s;
                }
            }
        }

        q.AccumulateGrad(dq);
        if (!same)
        {
            r.AccumulateGrad(dr);
        }
    }
}
