namespace Tango.NN;

/// <summary>Extents of a (N, C, L) input viewed as channels: element (n, c, l) sits at (n·C + c)·L + l.</summary>
internal readonly record struct ChannelLayout(int N, int C, int L)
{
    /// <summary>Values per channel, M = N·L.</summary>
    public int PerChannel => N * L;
}

/// <summary>
/// Per-channel loops of <see cref="BatchNorm1d"/>. Sums over a channel's M values accumulate in double: M is the
/// batch size times the length, and the backward pass subtracts means of such sums.
/// </summary>
internal static class BatchNormKernels
{
    // x: (n, c, l) -> mean, variance (biased, two-pass): (c)
    public static void Moments(ReadOnlySpan<float> x, ChannelLayout s, Span<float> mean, Span<float> variance)
    {
        var sum = new double[s.C];
        var sq = new double[s.C];
        for (int n = 0, i = 0; n < s.N; n++)
        {
            for (int c = 0; c < s.C; c++)
            {
                for (int l = 0; l < s.L; l++, i++)
                {
                    sum[c] += x[i];
                }
            }
        }

        for (int c = 0; c < s.C; c++)
        {
            sum[c] /= s.PerChannel;
            mean[c] = (float)sum[c];
        }

        for (int n = 0, i = 0; n < s.N; n++)
        {
            for (int c = 0; c < s.C; c++)
            {
                for (int l = 0; l < s.L; l++, i++)
                {
                    double d = x[i] - sum[c];
                    sq[c] += d * d;
                }
            }
        }

        for (int c = 0; c < s.C; c++)
        {
            variance[c] = (float)(sq[c] / s.PerChannel);
        }
    }

    // x̂ = (x − mean)·rstd; y = γ·x̂ + β (or x̂ without affine parameters).
    public static void Normalize(ReadOnlySpan<float> x, ChannelLayout s, float[] mean, float[] rstd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xHat, Span<float> y)
    {
        bool affine = !gamma.IsEmpty;
        for (int n = 0, i = 0; n < s.N; n++)
        {
            for (int c = 0; c < s.C; c++)
            {
                float w = affine ? gamma[c] : 1f, b = affine ? beta[c] : 0f;
                for (int l = 0; l < s.L; l++, i++)
                {
                    xHat[i] = (x[i] - mean[c]) * rstd[c];
                    y[i] = w * xHat[i] + b;
                }
            }
        }
    }

    // dγ = Σ g·x̂, dβ = Σ g over each channel's M values.
    public static void ParameterGrads(ReadOnlySpan<float> g, ReadOnlySpan<float> xHat, ChannelLayout s,
        Span<float> dGamma, Span<float> dBeta)
    {
        var dg = new double[s.C];
        var db = new double[s.C];
        for (int n = 0, i = 0; n < s.N; n++)
        {
            for (int c = 0; c < s.C; c++)
            {
                for (int l = 0; l < s.L; l++, i++)
                {
                    dg[c] += (double)g[i] * xHat[i];
                    db[c] += g[i];
                }
            }
        }

        for (int c = 0; c < s.C; c++)
        {
            dGamma[c] = (float)dg[c];
            dBeta[c] = (float)db[c];
        }
    }

    // Batch statistics: dx = γ·rstd·(g − dβ/M − x̂·dγ/M), because mean(ĝ) = γ·dβ/M and mean(ĝ·x̂) = γ·dγ/M.
    // Running statistics are constants: dx = γ·rstd·g.
    public static void InputGrad(ReadOnlySpan<float> g, ReadOnlySpan<float> xHat, ChannelLayout s, float[] rstd,
        ReadOnlySpan<float> gamma, float[] dGamma, float[] dBeta, bool batchStats, Span<float> dx)
    {
        float invM = 1f / s.PerChannel;
        for (int n = 0, i = 0; n < s.N; n++)
        {
            for (int c = 0; c < s.C; c++)
            {
                float scale = (gamma.IsEmpty ? 1f : gamma[c]) * rstd[c];
                float mg = batchStats ? dBeta[c] * invM : 0f;
                float mgx = batchStats ? dGamma[c] * invM : 0f;
                for (int l = 0; l < s.L; l++, i++)
                {
                    dx[i] = scale * (g[i] - mg - xHat[i] * mgx);
                }
            }
        }
    }
}
