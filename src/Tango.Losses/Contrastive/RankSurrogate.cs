using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Tango.Losses.Contrastive;

/// <summary>A surrogate ℓ of the step 1[s_n ≥ s_p] with its parameters, evaluated against a row of negatives.</summary>
internal readonly record struct RankSurrogate(MannWhitneySurrogate Kind, float Temperature, float Gamma,
    float Exponent)
{
    // Σ_n ℓ(sp − s_n) over ns; when slope is non-empty it gets ∂ℓ/∂s_n for each n. tmp: scratch of ns's length.
    public double Evaluate(ReadOnlySpan<float> ns, float sp, Span<float> tmp, Span<float> slope)
    {
        if (Kind == MannWhitneySurrogate.Sigmoid)
        {
            // σ((s_n − s_p)/τ); ∂/∂s_n = σ(1 − σ)/τ.
            float inv = 1f / Temperature;
            TensorPrimitives.Subtract(ns, sp, tmp);
            TensorPrimitives.Multiply(tmp, inv, tmp);
            TensorPrimitives.Sigmoid(tmp, tmp);
            if (!slope.IsEmpty)
            {
                TensorPrimitives.Multiply(tmp, tmp, slope);
                TensorPrimitives.Subtract(tmp, slope, slope);
                TensorPrimitives.Multiply(slope, inv, slope);
            }

            return TensorPrimitives.Sum(tmp);
        }

        // max(0, γ − s_p + s_n)^e; ∂/∂s_n = e·max(0, ·)^(e − 1).
        TensorPrimitives.Add(ns, Gamma - sp, tmp);
        TensorPrimitives.Max(tmp, 0f, tmp);
        if (!slope.IsEmpty)
        {
            if (Exponent == 2f)
            {
                TensorPrimitives.Multiply(tmp, 2f, slope);
            }
            else
            {
                TensorPrimitives.Pow(tmp, Exponent - 1f, slope);
                TensorPrimitives.Multiply(slope, Exponent, slope);
            }
        }

        if (Exponent == 2f)
        {
            return TensorPrimitives.SumOfSquares(tmp);
        }

        TensorPrimitives.Pow(tmp, Exponent, tmp);
        return TensorPrimitives.Sum(tmp);
    }
}
