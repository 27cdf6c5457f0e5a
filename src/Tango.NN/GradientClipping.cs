using Tango.Core;

namespace Tango.NN;

/// <summary>Gradient clipping, as PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales the gradients so that their joint norm is at most <paramref name="maxNorm"/>, and returns the joint
    /// norm before clipping. The joint p-norm is the norm of all gradient elements together (∞ for the largest
    /// magnitude); when it exceeds maxNorm every gradient is multiplied by maxNorm / (norm + 1e-6), as PyTorch.
    /// Parameters without a gradient are skipped. A non-finite norm is returned (and the gradients then contain
    /// NaN) unless <paramref name="errorIfNonfinite"/>, which throws instead.
    /// </summary>
    public static float ClipGradNorm(IEnumerable<Tensor> parameters, float maxNorm, float normType = 2f,
        bool errorIfNonfinite = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(normType > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType, "The norm type must be > 0 (or ∞).");
        }

        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double total = TotalNorm(grads, normType);
        if (errorIfNonfinite && !double.IsFinite(total))
        {
            throw new InvalidOperationException(
                $"The total norm of order {normType} of the gradients is non-finite ({total}); " +
                "it cannot be clipped.");
        }

        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1 || double.IsNaN(coefficient))
        {
            foreach (var g in grads)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.Span, (float)coefficient, g.Span);
            }
        }

        return (float)total;
    }

    /// <summary>Clamps every gradient element into [−clipValue, clipValue].</summary>
    public static void ClipGradValue(IEnumerable<Tensor> parameters, float clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(clipValue);
        foreach (var p in parameters)
        {
            if (p.Grad is { } g)
            {
                System.Numerics.Tensors.TensorPrimitives.Clamp(g.Span, -clipValue, clipValue, g.Span);
            }
        }
    }

    // Accumulates Σ|g|^p in double, or max |g| for p = ∞ (Math.Max propagates NaN, so a NaN gradient shows).
    private static double TotalNorm(List<Tensor> grads, float normType)
    {
        bool infinity = float.IsPositiveInfinity(normType);
        double acc = 0;
        foreach (var g in grads)
        {
            foreach (float x in g.Span)
            {
                double a = Math.Abs((double)x);
                acc = infinity ? Math.Max(acc, a) : acc + (normType == 2f ? a * a : Math.Pow(a, normType));
            }
        }

        return infinity ? acc : normType == 2f ? Math.Sqrt(acc) : Math.Pow(acc, 1.0 / normType);
    }
}
