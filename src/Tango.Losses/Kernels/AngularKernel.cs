using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// Angular loss per positive pair (Wang et al. 2017; PML's <c>AngularLoss</c>). With t = tan²α, â and p̂ the
/// normalised anchor and positive and r_j the reference embeddings as given (PML does not normalise them),
/// x_kj = 4t·(â + p̂)·r_j − 2(1 + t)·â·p̂ over the negatives j of the anchor's label, and
/// loss_k = log(1 + Σ_j exp x_kj) (0 without negatives). The inputs are the matrices A = X̂·Rᵀ (anchor rows),
/// B = R̂·Rᵀ (positive rows) and G = X̂·R̂ᵀ, so pair k reads row A[a], row B[p] and G[a, p]: O(n·m) memory where PML
/// builds a (pairs × m) matrix. Backward, with w_kj = exp(x_kj − loss_k):
/// dA[a, j] += 4t·g_k·w_kj, dB[p, j] += 4t·g_k·w_kj, dG[a, p] −= 2(1 + t)·g_k·Σ_j w_kj; it runs by anchor, then by
/// positive, so each phase writes disjoint rows in parallel.
/// </summary>
internal static class AngularKernel
{
    // a: (n, m), b: (m, m) or a itself, g: (n, m); anchors/positives: (k); penalty[anchor]: (m) rows of 0 (negative)
    // or −∞ -> losses: (k)
    public static Tensor Forward(Tensor a, Tensor b, Tensor g, int[] anchors, int[] positives,
        Func<int, float[]> penalty, float t)
    {
        int m = a.Dim(1), count = anchors.Length;
        var y = Tensor.Uninitialized([count]);
        var ys = y.Buffer;
        Parallel.For(0, count, () => new float[m], (k, _, x) =>
        {
            ys[k] = Logits(a, b, g, anchors[k], positives[k], penalty(anchors[k]), t, x);
            return x;
        }, _ => { });
        return y.Record("Angular", [a, b, g], dy => Backward(a, b, g, anchors, positives, penalty, t, y, dy));
    }

    // Writes x_k· into x (−∞ off the negatives) and returns log(1 + Σ exp x).
    private static float Logits(Tensor a, Tensor b, Tensor g, int anchor, int positive, float[] penalty, float t,
        float[] x)
    {
        int m = a.Dim(1);
        var xs = x.AsSpan(0, m);
        TensorPrimitives.Add(a.Buffer.AsSpan(anchor * m, m), b.Buffer.AsSpan(positive * m, m), xs);
        float shift = -2f * (1f + t) * g.Buffer[anchor * m + positive];
        TensorPrimitives.Multiply(xs, 4f * t, xs);
        TensorPrimitives.Add(xs, shift, xs);
        TensorPrimitives.Add(xs, penalty, xs);
        float max = MathF.Max(TensorPrimitives.Max(xs), 0f);
        TensorPrimitives.Subtract(xs, max, xs);
        TensorPrimitives.Exp(xs, xs);
        return max + MathF.Log(TensorPrimitives.Sum(xs) + MathF.Exp(-max));
    }

    private static void Backward(Tensor a, Tensor b, Tensor g, int[] anchors, int[] positives,
        Func<int, float[]> penalty, float t, Tensor y, Tensor dy)
    {
        int n = a.Dim(0), m = a.Dim(1);
        var da = Tensor.Zeros(a.Shape);
        var db = ReferenceEquals(a, b) ? da : Tensor.Zeros(b.Shape);
        var dg = Tensor.Zeros(g.Shape);
        var ys = y.Buffer;
        var gs = dy.Buffer;

        // Phase 1: rows of dA and dG belong to one anchor each.
        var byAnchor = Group(anchors, n);
        Parallel.For(0, n, () => new float[m], (i, _, w) =>
        {
            foreach (int k in byAnchor[i])
            {
                float sum = Weights(a, b, g, anchors[k], positives[k], penalty, t, ys[k], w);
                TensorPrimitives.MultiplyAdd(w.AsSpan(0, m), 4f * t * gs[k], da.Buffer.AsSpan(i * m, m),
                    da.Buffer.AsSpan(i * m, m));
                dg.Buffer[i * m + positives[k]] -= 2f * (1f + t) * gs[k] * sum;
            }

            return w;
        }, _ => { });

        // Phase 2: rows of dB belong to one positive each.
        var byPositive = Group(positives, b.Dim(0));
        Parallel.For(0, byPositive.Length, () => new float[m], (p, _, w) =>
        {
            foreach (int k in byPositive[p])
            {
                Weights(a, b, g, anchors[k], positives[k], penalty, t, ys[k], w);
                TensorPrimitives.MultiplyAdd(w.AsSpan(0, m), 4f * t * gs[k], db.Buffer.AsSpan(p * m, m),
                    db.Buffer.AsSpan(p * m, m));
            }

            return w;
        }, _ => { });

        a.AccumulateGrad(da);
        if (!ReferenceEquals(a, b))
        {
            b.AccumulateGrad(db);
        }

        g.AccumulateGrad(dg);
    }

    // w_kj = exp(x_kj − loss_k) into w; returns Σ_j w_kj.
    private static float Weights(Tensor a, Tensor b, Tensor g, int anchor, int positive, Func<int, float[]> penalty,
        float t, float loss, float[] w)
    {
        int m = a.Dim(1);
        var ws = w.AsSpan(0, m);
        TensorPrimitives.Add(a.Buffer.AsSpan(anchor * m, m), b.Buffer.AsSpan(positive * m, m), ws);
        float shift = -2f * (1f + t) * g.Buffer[anchor * m + positive] - loss;
        TensorPrimitives.Multiply(ws, 4f * t, ws);
        TensorPrimitives.Add(ws, shift, ws);
        TensorPrimitives.Add(ws, penalty(anchor), ws);
        TensorPrimitives.Exp(ws, ws);
        return TensorPrimitives.Sum(ws);
    }

    // For each owner, the positions k with keys[k] == owner.
    private static List<int>[] Group(int[] keys, int owners)
    {
        var groups = new List<int>[owners];
        for (int i = 0; i < owners; i++)
        {
            groups[i] = [];
        }

        for (int k = 0; k < keys.Length; k++)
        {
            groups[keys[k]].Add(k);
        }

        return groups;
    }
}
