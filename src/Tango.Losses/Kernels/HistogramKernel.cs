using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// Histogram loss (Ustinova &amp; Lempitsky 2016; PML's <c>HistogramLoss</c>) over listed similarities in [−1, 1].
/// Each similarity s falls between nodes r = ⌊(s + 1)/Δ⌋ and r + 1 of a grid of R = round(1 + 2/Δ) nodes and adds
/// (r + 1 − (s + 1)/Δ) to node r and ((s + 1)/Δ − r) to node r + 1, divided by the number of pairs; with p⁺, p⁻ the
/// positive and negative densities and Φ = cumsum p⁺, L = Σ_r p⁻_r·Φ_r (the probability that a random negative is
/// more similar than a random positive). Backward, with the node r held fixed as in PML:
/// ∂L/∂s⁻ = (Φ_{r+1} − Φ_r)/(Δ·|neg|) and ∂L/∂s⁺ = (Ψ_{r+1} − Ψ_r)/(Δ·|pos|), Ψ_r = Σ_{r′≥r} p⁻_{r′}.
/// Unlike PML (which indexes out of range there), r is clamped to [0, R − 2], so s = 1 lands on the last node.
/// </summary>
internal static class HistogramKernel
{
    // mat: (n, m); pos/neg: k pairs each as (row, col) index arrays -> ()
    public static Tensor Forward(Tensor mat, (int[] Rows, int[] Cols) pos, (int[] Rows, int[] Cols) neg, float delta)
    {
        int nodes = (int)Math.Round(1 + 2 / (double)delta);
        var v = mat.Buffer;
        int m = mat.Dim(1);
        var pPos = Density(v, m, pos, delta, nodes);
        var pNeg = Density(v, m, neg, delta, nodes);
        var phi = Cumulative(pPos, reverse: false);
        double loss = 0;
        for (int r = 0; r < nodes; r++)
        {
            loss += pNeg[r] * phi[r];
        }

        var y = Tensor.Scalar((float)loss);
        return y.Record("Histogram", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            double c = g.Item() / delta;
            Scatter(v, d.Buffer, m, neg, delta, nodes, phi, c / neg.Rows.Length);
            Scatter(v, d.Buffer, m, pos, delta, nodes, Cumulative(pNeg, reverse: true), c / pos.Rows.Length);
            mat.AccumulateGrad(d);
        });
    }

    private static double[] Density(float[] v, int m, (int[] Rows, int[] Cols) pairs, float delta, int nodes)
    {
        var density = new double[nodes];
        for (int k = 0; k < pairs.Rows.Length; k++)
        {
            var (r, a) = Node(v[pairs.Rows[k] * m + pairs.Cols[k]], delta, nodes);
            density[r + 1] += a;
            density[r] += 1 - a;
        }

        for (int r = 0; r < nodes; r++)
        {
            density[r] /= pairs.Rows.Length;
        }

        return density;
    }

    // Adds c·(table[r + 1] − table[r]) to each pair's entry of dv.
    private static void Scatter(float[] v, float[] dv, int m, (int[] Rows, int[] Cols) pairs, float delta, int nodes,
        double[] table, double c)
    {
        for (int k = 0; k < pairs.Rows.Length; k++)
        {
            int at = pairs.Rows[k] * m + pairs.Cols[k];
            int r = Node(v[at], delta, nodes).Lower;
            dv[at] += (float)(c * (table[r + 1] - table[r]));
        }
    }

    // The lower node of s and s's fraction of the way to the next one (PML's δ_ijr terms: 1 − a and a).
    private static (int Lower, double Fraction) Node(float s, float delta, int nodes)
    {
        float position = (s + 1f) / delta;
        int r = Math.Clamp((int)MathF.Floor(position), 0, nodes - 2);
        return (r, ((double)s + 1 - r * (double)delta) / delta);
    }

    private static double[] Cumulative(double[] x, bool reverse)
    {
        var c = new double[x.Length];
        double acc = 0;
        for (int k = 0; k < x.Length; k++)
        {
            int r = reverse ? x.Length - 1 - k : k;
            acc += x[r];
            c[r] = acc;
        }

        return c;
    }
}
