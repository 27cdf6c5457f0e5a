using Tango.Core;
using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

public class ContrastiveOpsTests
{
    // The vectorised rank kernel against a scalar double loop, for rows of every length up to ~300 (the positives
    // and negatives of each row are gathered into compact spans, so their lengths vary with the masks).
    [Theory]
    [InlineData(MannWhitneySurrogate.Sigmoid, 2f)]
    [InlineData(MannWhitneySurrogate.Polynomial, 2f)]
    [InlineData(MannWhitneySurrogate.Polynomial, 2.5f)]
    public void PairwiseRankLossMatchesAScalarLoopAtEveryLength(MannWhitneySurrogate kind, float exponent)
    {
        var surrogate = new RankSurrogate(kind, 0.3f, 0.8f, exponent);
        var rng = new Rng(17);
        foreach (int m in Enumerable.Range(2, 40).Concat([63, 64, 65, 127, 128, 129, 255, 256, 257, 300]))
        {
            var mat = Tensor.RandomNormal(rng, 2, m);
            mat.RequiresGrad = true;
            var pos = new byte[2 * m];
            var neg = new byte[2 * m];
            for (int k = 0; k < 2 * m; k++)
            {
                (k % m < 2 ? pos : neg)[k] = (byte)(k % m < 2 || rng.NextFloat() < 0.5f ? 1 : 0);
                if (k % m >= 2 && neg[k] == 0)
                {
                    pos[k] = (byte)(rng.NextFloat() < 0.3f ? 1 : 0);
                }
            }

            neg[m - 1] = 1;
            neg[2 * m - 1] = 1;
            pos[m - 1] = pos[2 * m - 1] = 0;
            var y = ContrastiveOps.PairwiseRankLoss(mat, pos, neg, [0, 1], -1f, surrogate);
            y.Mul(Tensor.FromArray([0.7f, 1.3f], 2)).Sum().Backward();
            var (expected, grad) = Scalar(mat.ToArray(), pos, neg, m, surrogate);
            Tolerance.Close(expected, y.ToArray(), rtol: 1e-4, atol: 1e-6, what: $"m = {m}");
            Tolerance.Close(grad, mat.Grad!.ToArray(), rtol: 1e-3, atol: 1e-6, what: $"gradient m = {m}");
        }
    }

    // Scores are −mat (sign −1); loss per row and d/dmat for the weights (0.7, 1.3).
    private static (float[] Values, float[] Grad) Scalar(float[] mat, byte[] pos, byte[] neg, int m, RankSurrogate s)
    {
        var values = new float[2];
        var grad = new float[2 * m];
        for (int r = 0; r < 2; r++)
        {
            var p = Enumerable.Range(0, m).Where(j => pos[r * m + j] != 0).ToArray();
            var n = Enumerable.Range(0, m).Where(j => neg[r * m + j] != 0 && pos[r * m + j] == 0).ToArray();
            double scale = 1.0 / (p.Length * n.Length), weight = r == 0 ? 0.7 : 1.3, total = 0;
            foreach (int i in p)
            {
                foreach (int j in n)
                {
                    double u = -mat[r * m + i] + mat[r * m + j]; // s_p − s_n with s = −mat
                    double l, slope; // slope: ∂ℓ/∂s_n
                    if (s.Kind == MannWhitneySurrogate.Sigmoid)
                    {
                        double sg = 1 / (1 + Math.Exp(u / s.Temperature));
                        (l, slope) = (sg, sg * (1 - sg) / s.Temperature);
                    }
                    else
                    {
                        double h = Math.Max(0, s.Gamma - u);
                        (l, slope) = (Math.Pow(h, s.Exponent), s.Exponent * Math.Pow(h, s.Exponent - 1));
                    }

                    total += l;
                    grad[r * m + j] -= (float)(weight * scale * slope); // ∂/∂mat_n = −∂/∂s_n
                    grad[r * m + i] += (float)(weight * scale * slope);
                }
            }

            values[r] = (float)(total * scale);
        }

        return (values, grad);
    }

    [Fact]
    public void DebiasedPairLossIsSoftplusOfTheLargerBranch()
    {
        // One anchor, N = 4 negatives with log-mean logA, positive score pos: main branch and floor by hand.
        var logA = Tensor.FromArray([0.3f], 1);
        var pos = Tensor.FromArray([2.5f, -0.4f], 2); // 2.5: the floor binds; −0.4: the main branch
        float logN = MathF.Log(4f);
        var y = ContrastiveOps.DebiasedPairLoss(logA, pos, [0, 0], [logN], 0.2f, 2f).ToArray();
        foreach (var (p, k) in new[] { (2.5, 0), (-0.4, 1) })
        {
            double ng = Math.Max((4 * Math.Exp(0.3) - 0.2 * 4 * Math.Exp(p)) / 0.8, 4 * Math.Exp(-2.0));
            Tolerance.Close(Math.Log(1 + ng / Math.Exp(p)), y[k], rtol: 1e-6);
        }
    }
}
