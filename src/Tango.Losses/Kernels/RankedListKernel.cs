using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// Ranked list loss per anchor (Wang et al. 2019; PML's <c>RankedListLoss</c>) over a self-distance matrix whose
/// diagonal counts as 0. With b = α − m, for anchor i:
/// positives j ≠ i (same label) with d_ij &gt; b and d_ij &gt; 0 weigh w⁺ = exp(T⁺(d − b)) and pay d − b;
/// negatives (other label) with 0 &lt; d_ij &lt; α weigh w⁻ = exp(T⁻(α − d)) and pay α − d;
/// loss_i = (1 − λ)·Σw⁺(d − b) / (Σw⁺ + n·1e-5) + λ·Σw⁻(α − d) / (Σw⁻ + n·1e-5).
/// (PML adds 1e-5 to every one of the n weights of the row, selected or not.) The weights are differentiated
/// too, as in PML. Rows are independent: forward and backward run over anchors in parallel.
/// </summary>
internal static class RankedListKernel
{
    public readonly record struct Rule(float Alpha, float Margin, float Tp, float Tn, float Imbalance);

    // mat: (n, n), labels: (n) -> losses: (n)
    public static Tensor Forward(Tensor mat, int[] labels, Rule rule)
    {
        int n = mat.Dim(0);
        var y = Tensor.Uninitialized([n]);
        var v = mat.Buffer;
        var ys = y.Buffer;
        Parallel.For(0, n, i => ys[i] = Row(v, labels, i, n, rule, null, 0f));
        return y.Record("RankedList", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var dv = d.Buffer;
            var gs = g.Buffer;
            Parallel.For(0, n, i => Row(v, labels, i, n, rule, dv, gs[i]));
            mat.AccumulateGrad(d);
        });
    }

    // The loss of row i; with dv, also adds g·∂loss/∂d_ij to dv (a second pass once the sums are known).
    private static float Row(float[] v, int[] labels, int i, int n, Rule r, float[]? dv, float g)
    {
        float b = r.Alpha - r.Margin;
        double numP = 0, denP = n * 1e-5, numN = 0, denN = n * 1e-5;
        for (int j = 0; j < n; j++)
        {
            float d = j == i ? 0f : v[i * n + j];
            if (IsPositive(labels, i, j, d, b))
            {
                double w = Math.Exp(r.Tp * (d - b));
                numP += w * (d - b);
                denP += w;
            }
            else if (IsNegative(labels, i, j, d, r.Alpha))
            {
                double w = Math.Exp(r.Tn * (r.Alpha - d));
                numN += w * (r.Alpha - d);
                denN += w;
            }
        }

        if (dv is not null && g != 0)
        {
            Gradients(v, labels, i, n, r, dv, g, (numP, denP, numN, denN));
        }

        return (float)((1 - r.Imbalance) * numP / denP + r.Imbalance * numN / denN);
    }

    // d/dd of Σw(x)/den-style ratios: with w = exp(T·x) and x = d − b (positives) or α − d (negatives),
    // ∂(num/den)/∂d = ±[w(1 + T·x)/den − num·T·w/den²].
    private static void Gradients(float[] v, int[] labels, int i, int n, Rule r, float[] dv, float g,
        (double NumP, double DenP, double NumN, double DenN) s)
    {
        float b = r.Alpha - r.Margin;
        double cP = g * (1 - r.Imbalance), cN = g * r.Imbalance;
        for (int j = 0; j < n; j++)
        {
            if (j == i)
            {
                continue;
            }

            float d = v[i * n + j];
            if (IsPositive(labels, i, j, d, b))
            {
                double x = d - b, w = Math.Exp(r.Tp * x);
                dv[i * n + j] += (float)(cP * (w * (1 + r.Tp * x) / s.DenP - s.NumP * r.Tp * w / (s.DenP * s.DenP)));
            }
            else if (IsNegative(labels, i, j, d, r.Alpha))
            {
                double x = r.Alpha - d, w = Math.Exp(r.Tn * x);
                dv[i * n + j] -= (float)(cN * (w * (1 + r.Tn * x) / s.DenN - s.NumN * r.Tn * w / (s.DenN * s.DenN)));
            }
        }
    }

    private static bool IsPositive(int[] labels, int i, int j, float d, float b) =>
        j != i && labels[j] == labels[i] && d > b && d > 0;

    private static bool IsNegative(int[] labels, int i, int j, float d, float alpha) =>
        labels[j] != labels[i] && d < alpha && d > 0;
}
