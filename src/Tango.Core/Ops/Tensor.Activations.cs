using System.Numerics.Tensors;
using Tango.Core.Kernels;

namespace Tango.Core;

// Activation functions, PyTorch's definitions. Each backward rule sits beside its forward.
public sealed partial class Tensor
{
    /// <summary>1 / (1 + e^−x). dy/dx = y(1 − y).</summary>
    public Tensor Sigmoid() => RecordElementwise("Sigmoid", Map<SigmoidOp>(), static (_, ys, gs, dx) =>
    {
        TensorPrimitives.Subtract(1f, ys, dx);
        TensorPrimitives.Multiply(dx, ys, dx);
        TensorPrimitives.Multiply(dx, gs, dx);
    });

    /// <summary>tanh(x). dy/dx = 1 − y².</summary>
    public Tensor Tanh() => RecordElementwise("Tanh", Map<TanhOp>(), static (_, ys, gs, dx) =>
    {
        TensorPrimitives.Multiply(ys, ys, dx);
        TensorPrimitives.Subtract(1f, dx, dx);
        TensorPrimitives.Multiply(dx, gs, dx);
    });

    /// <summary>
    /// The exact GELU, x·Φ(x) with Φ the standard normal CDF in its erf form (PyTorch's default,
    /// approximate='none'; not the tanh approximation). dy/dx = Φ(x) + x·φ(x).
    /// </summary>
    public Tensor Gelu() => RecordElementwise("Gelu", Map<GeluOp>(), static (xs, _, gs, dx) =>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            double x = xs[i];
            // x·φ(x) → 0 in both tails; skip it there so ±∞ gives Φ instead of ∞·0.
            double slope = SpecialFunctions.NormalCdf(x) + (Math.Abs(x) < 40 ? x * SpecialFunctions.NormalPdf(x) : 0);
            dx[i] = (float)(gs[i] * slope);
        }
    });

    /// <summary>x where x &gt; 0, else slope·x. dy/dx = 1 or slope (slope at 0, as PyTorch).</summary>
    public Tensor LeakyRelu(float slope = 0.01f)
    {
        var y = Uninitialized(Shape);
        ReadOnlySpan<float> xv = Span;
        Span<float> yv = y.Span;
        for (int i = 0; i < yv.Length; i++)
        {
            yv[i] = xv[i] > 0 ? xv[i] : slope * xv[i];
        }

        return RecordElementwise("LeakyRelu", y, (xs, _, gs, dx) =>
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] > 0 ? gs[i] : slope * gs[i];
            }
        });
    }

    /// <summary>
    /// PyTorch's Softplus: log(1 + e^(βx))/β, and x itself where βx &gt; threshold (there the two agree to
    /// float precision and e^(βx) would overflow). dy/dx = sigmoid(βx), or 1 above the threshold.
    /// </summary>
    public Tensor Softplus(float beta = 1f, float threshold = 20f)
    {
        if (!(beta != 0 && float.IsFinite(beta)) || float.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(beta),
                $"Softplus: beta must be finite and non-zero and threshold a number; got beta {beta}, " +
                $"threshold {threshold} (input shape {ShapeString}).");
        }

        var y = Uninitialized(Shape);
        ReadOnlySpan<float> xv = Span;
        Span<float> yv = y.Span;
        TensorPrimitives.Multiply(xv, beta, yv);
        TensorPrimitives.Exp(yv, yv);
        TensorPrimitives.LogP1(yv, yv);
        TensorPrimitives.Divide(yv, beta, yv);
        for (int i = 0; i < yv.Length; i++)
        {
            if (xv[i] * beta > threshold)
            {
                yv[i] = xv[i];
            }
        }

        return RecordElementwise("Softplus", y, (xs, _, gs, dx) =>
        {
            TensorPrimitives.Multiply(xs, beta, dx);
            TensorPrimitives.Sigmoid(dx, dx);
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] * beta > threshold ? gs[i] : gs[i] * dx[i];
            }
        });
    }
}
