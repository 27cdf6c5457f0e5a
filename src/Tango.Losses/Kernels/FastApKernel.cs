using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// FastAP per query (Cakir et al. 2019, "Deep Metric Learning to Rank"; PML's <c>FastAPLoss</c>). Distances are
/// soft-binned with triangular pulses of width Δ = max/bins centred on E = bins + 1 edges e·Δ, giving histograms
/// h⁺ (positives) and h⁻ (negatives) per query; with H⁺ = cumsum h⁺ and H = cumsum(h⁺ + h⁻),
/// AP_i = (1/N⁺_i)·Σ_e h⁺_e·H⁺_e / H_e over the bins where h⁺_e·H⁺_e &gt; 0 and H_e &gt; 0 (PML's safe mask; other
/// bins neither count nor pass a gradient), and loss_i = (1 − AP_i)·w_i for queries with a positive.
/// A pulse touches at most two adjacent edges, so a query costs O(n + E) and memory stays O(n²) — PML builds an
/// (E, n, n) tensor. Backward, with f_e = h⁺_e·H⁺_e/H_e:
/// ∂AP/∂h⁺_e = [safe_e]·H⁺_e/H_e + Σ_{e′≥e, safe} (h⁺_e′ − f_e′)/H_e′, ∂AP/∂h⁻_e = −Σ_{e′≥e, safe} f_e′/H_e′,
/// and each distance passes them on through its pulses' slopes ∓1/Δ.
/// </summary>
internal static class FastApKernel
{
    /// <summary>The losses of <paramref name="queries"/>, and whether any query had a bin in PML's safe mask (PML
    /// returns a zero loss when none has).</summary>
    // mat: (n, n), labels: (n), weights: (n), queries: the rows with a positive -> losses: (queries)
    public static (Tensor Losses, bool AnySafe) Forward(Tensor mat, int[] labels, float[] weights, int[] queries,
        int bins, float max)
    {
        int anySafe = 0;
        int n = mat.Dim(0);
        var y = Tensor.Uninitialized([queries.Length]);
        var ys = y.Buffer;
        var v = mat.Buffer;
        Parallel.For(0, queries.Length, q =>
        {
            var row = new Row(bins, max);
            row.Fill(v, labels, queries[q], n);
            ys[q] = (1f - (float)(row.Precision(out bool safe) / row.Positives)) * weights[queries[q]];
            if (safe)
            {
                Volatile.Write(ref anySafe, 1);
            }
        });
        return (Record(y, mat, labels, weights, queries, bins, max), anySafe != 0);
    }

    private static Tensor Record(Tensor y, Tensor mat, int[] labels, float[] weights, int[] queries, int bins,
        float max)
    {
        int n = mat.Dim(0);
        var v = mat.Buffer;
        return y.Record("FastAP", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var dv = d.Buffer;
            var gs = g.Buffer;
            Parallel.For(0, queries.Length, q =>
            {
                int i = queries[q];
                var row = new Row(bins, max);
                row.Fill(v, labels, i, n);
                row.Backward(v, labels, i, n, -gs[q] * weights[i] / row.Positives, dv);
            });
            mat.AccumulateGrad(d);
        });
    }

    /// <summary>The histograms of one query.</summary>
    private sealed class Row(int bins, float max)
    {
        private readonly double[] _pos = new double[bins + 1];
        private readonly double[] _neg = new double[bins + 1];
        private readonly float _delta = max / bins;

        public int Positives { get; private set; }

        public void Fill(float[] v, int[] labels, int i, int n)
        {
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                bool positive = labels[j] == labels[i];
                Positives += positive ? 1 : 0;
                var h = positive ? _pos : _neg;
                float d = v[i * n + j];
                int e0 = Lower(d);
                for (int e = Math.Max(e0 - 1, 0); e <= e0 + 2 && e < h.Length; e++)
                {
                    h[e] += MathF.Max(0f, 1f - MathF.Abs(d - e * _delta) / _delta);
                }
            }
        }

        public double Precision(out bool anySafe)
        {
            anySafe = false;
            double ap = 0, cumPos = 0, cum = 0;
            for (int e = 0; e < _pos.Length; e++)
            {
                cumPos += _pos[e];
                cum += _pos[e] + _neg[e];
                if (_pos[e] * cumPos > 0 && cum > 0)
                {
                    ap += _pos[e] * cumPos / cum;
                    anySafe = true;
                }
            }

            return ap;
        }

        // Adds c·∂AP/∂d_ij to dv for every j of row i.
        public void Backward(float[] v, int[] labels, int i, int n, float c, float[] dv)
        {
            var (gPos, gNeg) = BinGradients();
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var gh = labels[j] == labels[i] ? gPos : gNeg;
                float d = v[i * n + j];
                int e0 = Lower(d);
                double slope = 0;
                for (int e = Math.Max(e0 - 1, 0); e <= e0 + 2 && e < gh.Length; e++)
                {
                    float offset = d - e * _delta;
                    if (1f - MathF.Abs(offset) / _delta > 0 && offset != 0)
                    {
                        slope -= gh[e] * MathF.Sign(offset) / _delta;
                    }
                }

                dv[i * n + j] += (float)(c * slope);
            }
        }

        private (double[] Pos, double[] Neg) BinGradients()
        {
            int edges = _pos.Length;
            var cumPos = new double[edges];
            var cum = new double[edges];
            for (int e = 0; e < edges; e++)
            {
                cumPos[e] = _pos[e] + (e > 0 ? cumPos[e - 1] : 0);
                cum[e] = _pos[e] + _neg[e] + (e > 0 ? cum[e - 1] : 0);
            }

            var gPos = new double[edges];
            var gNeg = new double[edges];
            double tailPos = 0, tailNeg = 0;
            for (int e = edges - 1; e >= 0; e--)
            {
                bool safe = _pos[e] * cumPos[e] > 0 && cum[e] > 0;
                if (safe)
                {
                    double f = _pos[e] * cumPos[e] / cum[e];
                    tailPos += (_pos[e] - f) / cum[e];
                    tailNeg -= f / cum[e];
                }

                gPos[e] = tailPos + (safe ? cumPos[e] / cum[e] : 0);
                gNeg[e] = tailNeg;
            }

            return (gPos, gNeg);
        }

        // The edge at or below d; the loops also look one edge further each way, so rounding in d/Δ never drops a
        // pulse (the pulse formula itself gives 0 outside its support).
        private int Lower(float d) => (int)MathF.Floor(d / _delta);
    }
}
