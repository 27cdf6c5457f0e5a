using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;
using Tango.Core.Memory;

namespace Tango.NN;

/// <summary>
/// Layer normalisation (Ba et al. 2016) over the last axis, as PyTorch's <c>nn.LayerNorm(features)</c>:
/// y = (x − μ)/√(σ² + ε)·γ + β with μ and the biased σ² of each row. One fused op with a hand-derived backward
/// (docs/derivations/layernorm.md).
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer; γ starts at 1 and β at 0 when <paramref name="elementwiseAffine"/>.</summary>
    public LayerNorm(int features, float eps = 1e-5f, bool elementwiseAffine = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        Features = features;
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", TensorScope.Unowned(() => Tensor.Ones(features)));
            Bias = RegisterParameter("bias", TensorScope.Unowned(() => Tensor.Zeros(features)));
        }
    }

    /// <summary>Size of the normalised (last) axis.</summary>
    public int Features { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Eps { get; }

    /// <summary>γ, shape (features), or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>β, shape (features), or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    // x: (..., d) -> y: (..., d); each row of d is normalised on its own.
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0 || input.Dim(-1) != Features)
        {
            throw new ArgumentException(
                $"LayerNorm({Features}) needs input of shape (..., {Features}); got {input.ShapeString}.",
                nameof(input));
        }

        int d = Features, rows = input.Size / d;
        var xHat = Tensor.Uninitialized(input.Shape);
        var rstd = new float[rows];
        var y = Tensor.Uninitialized(input.Shape);
        for (int r = 0; r < rows; r++)
        {
            var x = input.Span.Slice(r * d, d);
            var xh = xHat.Span.Slice(r * d, d);
            float mean = TensorPrimitives.Sum(x) / d;
            TensorPrimitives.Subtract(x, mean, xh);
            rstd[r] = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(xh) / d + Eps);
            TensorPrimitives.Multiply(xh, rstd[r], xh);
            var yr = y.Span.Slice(r * d, d);
            if (Weight is not null && Bias is not null)
            {
                TensorPrimitives.FusedMultiplyAdd(xh, Weight.Span, Bias.Span, yr);
            }
            else
            {
                xh.CopyTo(yr);
            }
        }

        Tensor[] inputs = Weight is not null && Bias is not null ? [input, Weight, Bias] : [input];
        return y.Record("LayerNorm", inputs, g => Backward(input, g, xHat, rstd));
    }

    // g, xHat: (rows, d), rstd: (rows). With ĝ = g·γ: dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)),
    // dγ = Σ_rows g·x̂, dβ = Σ_rows g.
    private void Backward(Tensor input, Tensor g, Tensor xHat, float[] rstd)
    {
        int d = Features, rows = rstd.Length;
        var gHat = Tensor.Uninitialized([d]);
        var dx = input.RequiresGrad ? Tensor.Uninitialized(input.Shape) : null;
        var dGamma = Weight?.RequiresGrad == true ? Tensor.Zeros(d) : null;
        var dBeta = Bias?.RequiresGrad == true ? Tensor.Zeros(d) : null;
        for (int r = 0; r < rows; r++)
        {
            var gr = g.Span.Slice(r * d, d);
            var xh = xHat.Span.Slice(r * d, d);
            if (dGamma is not null)
            {
                TensorPrimitives.FusedMultiplyAdd(gr, xh, dGamma.Span, dGamma.Span);
            }

            if (dBeta is not null)
            {
                TensorPrimitives.Add(dBeta.Span, gr, dBeta.Span);
            }

            if (dx is null)
            {
                continue;
            }

            var gh = gHat.Span;
            if (Weight is not null)
            {
                TensorPrimitives.Multiply(gr, Weight.Span, gh);
            }
            else
            {
                gr.CopyTo(gh);
            }

            float meanG = TensorPrimitives.Sum(gh) / d;
            float meanGx = TensorPrimitives.Dot(gh, xh) / d;
            var dxr = dx.Span.Slice(r * d, d);
            // dx = rstd·(ĝ − meanG) − (rstd·meanGx)·x̂
            TensorPrimitives.Subtract(gh, meanG, dxr);
            TensorPrimitives.Multiply(dxr, rstd[r], dxr);
            TensorPrimitives.FusedMultiplyAdd(xh, -rstd[r] * meanGx, dxr, dxr);
        }

        if (dx is not null)
        {
            input.AccumulateGrad(dx);
        }

        if (dGamma is not null)
        {
            Weight!.AccumulateGrad(dGamma);
        }

        if (dBeta is not null)
        {
            Bias!.AccumulateGrad(dBeta);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"LayerNorm({Features}, eps: {Eps}, elementwiseAffine: {Weight is not null})";
}
