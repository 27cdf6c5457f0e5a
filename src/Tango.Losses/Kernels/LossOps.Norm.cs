using Tango.Core;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// The p-norm of each row, (Σ_k |x_ik|^p)^(1/p), with a zero gradient at a zero row (where PyTorch's norm
    /// backward divides 0 by 0). Backward: ∂/∂x_ik = sign(x_ik)·|x_ik|^(p−1) / norm^(p−1).
    /// </summary>
    // x: (n, d) -> y: (n)
    public static Tensor RowNorm(Tensor x, float p)
    {
        int n = x.Dim(0), d = x.Dim(1);
        var y = Tensor.Uninitialized([n]);
        var xs = x.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++)
            {
                double v = Math.Abs(xs[i * d + k]);
                acc += p == 2f ? v * v : Math.Pow(v, p);
            }

            ys[i] = (float)(p == 2f ? Math.Sqrt(acc) : Math.Pow(acc, 1.0 / p));
        }

        return y.Record("RowNorm", [x], g =>
        {
            var dx = Tensor.Zeros(x.Shape);
            var ds = dx.Span;
            var gs = g.Span;
            var xv = x.Span;
            var yv = y.Span;
            for (int i = 0; i < n; i++)
            {
                if (yv[i] <= 0)
                {
                    continue;
                }

                float scale = gs[i] / MathF.Pow(yv[i], p - 1f);
                for (int k = 0; k < d; k++)
                {
                    float v = xv[i * d + k];
                    ds[i * d + k] = scale * MathF.Sign(v) * (p == 2f ? MathF.Abs(v) : MathF.Pow(MathF.Abs(v), p - 1f));
                }
            }

            x.AccumulateGrad(dx);
        });
    }
}
