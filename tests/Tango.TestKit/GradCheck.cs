using Tango.Core;
using Xunit;

namespace Tango.TestKit;

/// <summary>
/// Finite-difference gradient checks. The scalar objective is L = Σ w ⊙ f(inputs) with a fixed random
/// projection w (so every output element matters), accumulated in double. Each input element is perturbed
/// by ±eps (central differences) and the numerical slope compared with the autograd gradient.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks the gradient of <paramref name="f"/> with respect to every input. Inputs are leaves; they are
    /// set to require gradients here. Tolerance: |analytic - numeric| ≤ atol + rtol·max(|analytic|, |numeric|).
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps = 1e-2f,
        double rtol = 2e-2, double atol = 2e-3, ulong seed = 1234)
    {
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
            x.Grad = null;
        }

        var output = f(inputs);
        var rng = new Rng(seed);
        var w = Tensor.RandomUniform(rng, output.ShapeArray, 0.5f, 1.5f);
        output.Mul(w).Sum().Backward();

        for (int t = 0; t < inputs.Length; t++)
        {
            var x = inputs[t];
            var analytic = x.Grad?.ToArray() ?? new float[x.Size];
            var span = x.Span;
            for (int i = 0; i < x.Size; i++)
            {
                float saved = span[i];
                span[i] = saved + eps;
                double plus = Objective(f, inputs, w);
                span[i] = saved - eps;
                double minus = Objective(f, inputs, w);
                span[i] = saved;
                double numeric = (plus - minus) / (2.0 * eps);
                double diff = Math.Abs(analytic[i] - numeric);
                double bound = atol + rtol * Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric));
                Assert.True(diff <= bound,
                    $"Gradient of input {t} (shape {x.ShapeString}) at flat index {i}: analytic {analytic[i]:G6}, " +
                    $"numeric {numeric:G6}, |diff| {diff:G3} > {bound:G3}.");
            }
        }
    }

    private static double Objective(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor w)
    {
        using var _ = Tensor.NoGrad();
        var y = f(inputs).Span;
        var wv = w.Span;
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += (double)y[i] * wv[i];
        }

        return sum;
    }
}
