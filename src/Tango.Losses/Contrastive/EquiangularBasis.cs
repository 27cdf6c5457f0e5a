using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Generates the fixed class vectors of <see cref="EquiangularBasisLoss"/> (Shen et al. 2023, "Equiangular Basis
/// Vectors"): c unit vectors in d dimensions whose largest pairwise |cosine| is made small. From a
/// seeded N(0, 1) start, projected gradient descent on Σ_{i≠j} max(0, |cos_ij| − t)²/4 with the rows renormalised
/// after each step, where t = 0.9·max_{i≠j}|cos_ij|: the paper penalises cosines beyond the threshold α; here the
/// penalty is squared (steps shrink with the excess, so they do not overshoot) and its threshold follows the
/// current maximum, so the largest cosines keep being pushed down, below α when it can be reached and towards the
/// smallest reachable maximum when it cannot (c &gt; d). Stops when the maximum is ≤ α or after the given number
/// of steps. Deterministic for a seed.
/// </summary>
public static class EquiangularBasis
{
    /// <summary>The (classes, dim) matrix of unit basis vectors.</summary>
    public static Tensor Generate(int classes, int dim, Rng rng, float threshold = 0.002f, int steps = 1000,
        float learningRate = 0.25f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Check.AtLeast(classes, 1, nameof(classes), nameof(EquiangularBasis));
        Check.AtLeast(dim, 1, nameof(dim), nameof(EquiangularBasis));
        Check.AtLeast(steps, 0, nameof(steps), nameof(EquiangularBasis));
        Check.InRange(threshold, 0f, 1f, nameof(threshold), nameof(EquiangularBasis));
        Check.Positive(learningRate, nameof(learningRate), nameof(EquiangularBasis));
        using var _ = Tensor.NoGrad();
        var v = Tensor.RandomNormal(rng, classes, dim).L2Normalize(1);
        for (int step = 0; step < steps && classes > 1; step++)
        {
            var cos = v.MatMul(v, transB: true);
            float max = MaxAbsOffDiagonal(cos);
            if (max <= threshold)
            {
                break;
            }

            // ∂/∂v_i Σ_{i≠j} max(0, |cos_ij| − t)²/4 = Σ_j (cos_ij − t·sign(cos_ij))·1[|cos_ij| > t]·v_j.
            float t = 0.9f * max;
            var s = cos.Span;
            for (int i = 0; i < classes; i++)
            {
                for (int j = 0; j < classes; j++)
                {
                    float c = s[i * classes + j];
                    s[i * classes + j] = i != j && MathF.Abs(c) > t ? c - t * MathF.Sign(c) : 0f;
                }
            }

            v = v.Sub(cos.MatMul(v).Mul(learningRate)).L2Normalize(1);
        }

        return v;
    }

    /// <summary>max_{i≠j} |cos(v_i, v_j)| of the rows of <paramref name="vectors"/> (0 for a single row).</summary>
    public static float MaxAbsCosine(Tensor vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var _ = Tensor.NoGrad();
        var v = vectors.L2Normalize(1);
        return MaxAbsOffDiagonal(v.MatMul(v, transB: true));
    }

    private static float MaxAbsOffDiagonal(Tensor cos)
    {
        int c = cos.Dim(0);
        var s = cos.Span;
        float max = 0f;
        for (int i = 0; i < c; i++)
        {
            for (int j = 0; j < c; j++)
            {
                max = i == j ? max : MathF.Max(max, MathF.Abs(s[i * c + j]));
            }
        }

        return max;
    }
}
