using System.Buffers;
using Tango.Core;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Fused autograd ops of the seed-paper losses, each with its backward beside its forward
/// (derivations in docs/derivations/contrastive-kernels.md).
/// </summary>
internal static class ContrastiveOps
{
    /// <summary>
    /// The debiased / hard-negative contrastive loss of each positive pair (Chuang et al. 2020; Robinson
    /// et al. 2021), in log space: with u = logA[a] − pos, c = N_a/(1 − τ⁺),
    /// y = softplus(max(log c + u + log(1 − τ⁺e^{−u}), log N_a − 1/τ − pos)) = −log(e^pos / (e^pos + Ng)), where
    /// Ng = max(c·(A − τ⁺e^pos), N_a·e^{−1/τ}) and A = e^{logA} the (reweighted) mean of e^{s/τ} over the
    /// anchor's negatives. The first branch is absent where A ≤ τ⁺e^pos. Backward: with σ = sigmoid(max),
    /// ∂y/∂logA = σ/(1 − τ⁺e^{−u}) and ∂y/∂pos = −∂y/∂logA on the first branch; ∂y/∂pos = −σ on the floor.
    /// </summary>
    // logA: (n), pos: (k), anchors: (k) in [0, n), logCount: (n) log N_a -> y: (k)
    public static Tensor DebiasedPairLoss(Tensor logA, Tensor pos, int[] anchors, float[] logCount, float tauPlus,
        float inverseTemperature)
    {
        int k = anchors.Length;
        var y = Tensor.Uninitialized([k]);
        var slopeA = new float[k];
        var slopePos = new float[k];
        var la = logA.Span;
        var ps = pos.Span;
        var ys = y.Span;
        double logKeep = Math.Log(1.0 - tauPlus);
        for (int t = 0; t < k; t++)
        {
            int a = anchors[t];
            double u = (double)la[a] - ps[t];
            double floor = logCount[a] - inverseTemperature - (double)ps[t];
            double keep = 1.0 - tauPlus * Math.Exp(-u);
            double main = keep > 0 ? logCount[a] - logKeep + u + Math.Log(keep) : double.NegativeInfinity;
            double m = Math.Max(main, floor);
            ys[t] = (float)(m > 0 ? m + Math.Log(1.0 + Math.Exp(-m)) : Math.Log(1.0 + Math.Exp(m)));
            double s = 1.0 / (1.0 + Math.Exp(-m));
            bool onMain = main >= floor;
            slopeA[t] = onMain ? (float)(s / keep) : 0f;
            slopePos[t] = onMain ? -slopeA[t] : (float)-s;
        }

        return y.Record("DebiasedPairLoss", [logA, pos], g =>
        {
            var gs = g.Span;
            if (logA.RequiresGrad)
            {
                var d = Tensor.Zeros(logA.Shape);
                var ds = d.Span;
                for (int t = 0; t < k; t++)
                {
                    ds[anchors[t]] += gs[t] * slopeA[t];
                }

                logA.AccumulateGrad(d);
            }

            if (pos.RequiresGrad)
            {
                var d = Tensor.Uninitialized([k]);
                TensorPrimitives.Multiply(gs, slopePos, d.Span);
                pos.AccumulateGrad(d);
            }
        });
    }

    /// <summary>
    /// The per-anchor mean of a smooth pairwise ranking surrogate ℓ(s_p − s_n) over the anchor's (positive,
    /// negative) pairs, scores s = sign·mat (the Wilcoxon-Mann-Whitney statistic's step 1[s_n ≥ s_p], smoothed).
    /// Memory stays O(n·m): the backward recomputes ℓ′ row by row, d s_n = Σ_p ℓ′/(P·N), d s_p = −Σ_n ℓ′/(P·N).
    /// </summary>
    // mat: (n, m), masks: n·m bytes, anchors: (r) rows with ≥ 1 positive and negative -> y: (r)
    public static Tensor PairwiseRankLoss(Tensor mat, byte[] posMask, byte[] negMask, int[] anchors, float sign,
        in RankSurrogate surrogate)
    {
        int m = mat.Dim(1);
        var y = Tensor.Uninitialized([anchors.Length]);
        var ys = y.Span;
        var rs = surrogate;
        using (var row = new RankRow(m))
        {
            for (int r = 0; r < anchors.Length; r++)
            {
                row.Load(mat.Buffer.AsSpan(anchors[r] * m, m), posMask.AsSpan(anchors[r] * m, m),
                    negMask.AsSpan(anchors[r] * m, m), sign);
                ys[r] = (float)row.Run(rs, gradient: false);
            }
        }

        return y.Record("PairwiseRankLoss", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var ds = d.Buffer;
            var gs = g.Span;
            using var row = new RankRow(m);
            for (int r = 0; r < anchors.Length; r++)
            {
                int a = anchors[r];
                row.Load(mat.Buffer.AsSpan(a * m, m), posMask.AsSpan(a * m, m), negMask.AsSpan(a * m, m), sign);
                row.Run(rs, gradient: true);
                row.Scatter(ds.AsSpan(a * m, m), gs[r] * sign);
            }

            mat.AccumulateGrad(d);
        });
    }

    /// <summary>
    /// MoCHi's synthetic logits q̂_a·h for each mix h = c1·x + c2·r_j (x = r_i, or q_a itself when i = −1), the mixes
    /// being constants: y = c1·(q̂_a·x) + c2·(q̂_a·r_j) from the constant rows, and dq̂_a += g·(c1·x + c2·r_j).
    /// O(mixes·d) time and no (mixes, d) storage.
    /// </summary>
    // qHat: (n, d) differentiable, q/r: its constant copy and the reference rows (row-major) -> y: (mixes)
    public static Tensor MixedLogits(Tensor qHat, float[] q, float[] r, Mix[] mixes)
    {
        int d = qHat.Dim(1);
        var y = Tensor.Uninitialized([mixes.Length]);
        var ys = y.Span;
        for (int k = 0; k < mixes.Length; k++)
        {
            var (a, i, j, c1, c2) = mixes[k];
            var qa = q.AsSpan(a * d, d);
            float first = i < 0 ? TensorPrimitives.Dot(qa, qa) : TensorPrimitives.Dot(qa, r.AsSpan(i * d, d));
            ys[k] = c1 * first + c2 * TensorPrimitives.Dot(qa, r.AsSpan(j * d, d));
        }

        return y.Record("MixedLogits", [qHat], g =>
        {
            var dq = Tensor.Zeros(qHat.Shape);
            var ds = dq.Buffer;
            var gs = g.Span;
            for (int k = 0; k < mixes.Length; k++)
            {
                var (a, i, j, c1, c2) = mixes[k];
                var row = ds.AsSpan(a * d, d);
                var x = i < 0 ? q.AsSpan(a * d, d) : r.AsSpan(i * d, d);
                TensorPrimitives.MultiplyAdd(x, gs[k] * c1, row, row);
                TensorPrimitives.MultiplyAdd(r.AsSpan(j * d, d), gs[k] * c2, row, row);
            }

            qHat.AccumulateGrad(dq);
        });
    }

    /// <summary>One anchor's positive and negative scores and their gradients, in pooled buffers.</summary>
    private sealed class RankRow : IDisposable
    {
        private readonly float[] _p, _n, _dp, _dn, _tmp, _tmp2;
        private readonly int[] _pCol, _nCol;
        private int _pc, _nc;

        public RankRow(int m)
        {
            _p = ArrayPool<float>.Shared.Rent(m);
            _n = ArrayPool<float>.Shared.Rent(m);
            _dp = ArrayPool<float>.Shared.Rent(m);
            _dn = ArrayPool<float>.Shared.Rent(m);
            _tmp = ArrayPool<float>.Shared.Rent(m);
            _tmp2 = ArrayPool<float>.Shared.Rent(m);
            _pCol = ArrayPool<int>.Shared.Rent(m);
            _nCol = ArrayPool<int>.Shared.Rent(m);
        }

        public void Load(ReadOnlySpan<float> row, ReadOnlySpan<byte> pos, ReadOnlySpan<byte> neg, float sign)
        {
            _pc = _nc = 0;
            for (int j = 0; j < row.Length; j++)
            {
                if (pos[j] != 0)
                {
                    _pCol[_pc] = j;
                    _p[_pc++] = sign * row[j];
                }
                else if (neg[j] != 0)
                {
                    _nCol[_nc] = j;
                    _n[_nc++] = sign * row[j];
                }
            }
        }

        // The mean of ℓ over the P·N pairs; with gradient, _dp and _dn get ∂mean/∂score.
        public double Run(in RankSurrogate s, bool gradient)
        {
            var ns = _n.AsSpan(0, _nc);
            var tmp = _tmp.AsSpan(0, _nc);
            var slope = _tmp2.AsSpan(0, _nc);
            var dn = _dn.AsSpan(0, _nc);
            dn.Clear();
            double total = 0;
            double scale = 1.0 / ((double)_pc * _nc);
            for (int i = 0; i < _pc; i++)
            {
                total += s.Evaluate(ns, _p[i], tmp, gradient ? slope : default);
                if (gradient)
                {
                    TensorPrimitives.Add(dn, slope, dn);
                    _dp[i] = (float)(-TensorPrimitives.Sum(slope) * scale);
                }
            }

            if (gradient)
            {
                TensorPrimitives.Multiply(dn, (float)scale, dn);
            }

            return total * scale;
        }

        public void Scatter(Span<float> drow, float factor)
        {
            for (int i = 0; i < _pc; i++)
            {
                drow[_pCol[i]] = factor * _dp[i];
            }

            for (int i = 0; i < _nc; i++)
            {
                drow[_nCol[i]] = factor * _dn[i];
            }
        }

        public void Dispose()
        {
            foreach (var a in new[] { _p, _n, _dp, _dn, _tmp, _tmp2 })
            {
                ArrayPool<float>.Shared.Return(a);
            }

            ArrayPool<int>.Shared.Return(_pCol);
            ArrayPool<int>.Shared.Return(_nCol);
        }
    }
}
