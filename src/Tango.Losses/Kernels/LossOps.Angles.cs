using Tango.Core;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// cos(acos(c) − m) = c·cos m + √(1 − c²)·sin m, with c clamped to [−1, 1]. Backward: cos m − c·sin m / √(1 − c²),
    /// the root floored at 1e-12 so that c = ±1 gives a large finite slope instead of PyTorch's acos NaN.
    /// </summary>
    // c: (k) -> y: (k)
    public static Tensor ShiftedCosine(Tensor c, float m)
    {
        float cosM = MathF.Cos(m), sinM = MathF.Sin(m);
        var y = Tensor.Uninitialized(c.Shape);
        var cs = c.Span;
        var ys = y.Span;
        for (int k = 0; k < cs.Length; k++)
        {
            float v = Math.Clamp(cs[k], -1f, 1f);
            ys[k] = v * cosM + MathF.Sqrt(MathF.Max(1f - v * v, 0f)) * sinM;
        }

        return y.Record("ShiftedCosine", [c], g =>
        {
            var d = Tensor.Uninitialized(c.Shape);
            var ds = d.Span;
            var gs = g.Span;
            var cv = c.Span;
            for (int k = 0; k < ds.Length; k++)
            {
                float v = Math.Clamp(cv[k], -1f, 1f);
                ds[k] = gs[k] * (cosM - v * sinM / MathF.Sqrt(MathF.Max(1f - v * v, 1e-12f)));
            }

            c.AccumulateGrad(d);
        });
    }
}
