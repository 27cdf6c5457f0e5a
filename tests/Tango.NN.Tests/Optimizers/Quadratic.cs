using Tango.Core;

namespace Tango.NN.Tests.Optimizers;

/// <summary>f(x) = ½·Σ aᵢ·xᵢ², whose gradient is a ⊙ x: small enough to follow optimizers by hand.</summary>
internal sealed class Quadratic
{
    public static readonly double[] A = [1.0, 0.5, 2.0, 0.1];

    public static readonly float[] Start = [1f, -2f, 3f, -0.5f];

    public Tensor X { get; } = Tensor.FromArray(Start);

    /// <summary>Sets X.Grad through autograd (so the optimizer sees a real backward pass).</summary>
    public void Backward()
    {
        var a = Tensor.FromArray(A.Select(v => (float)v).ToArray());
        X.Grad?.Span.Clear();
        X.RequiresGrad = true;
        X.Mul(X).Mul(a).Sum().Mul(0.5f).Backward();
    }

    /// <summary>Runs <paramref name="steps"/> optimizer steps and returns the iterates after each.</summary>
    public float[][] Run(Tango.NN.Optimizers.Optimizer optimizer, int steps)
    {
        var iterates = new float[steps][];
        for (int t = 0; t < steps; t++)
        {
            Backward();
            optimizer.Step();
            iterates[t] = X.ToArray();
        }

        return iterates;
    }

    public static double[] Gradient(double[] x) => [.. x.Select((v, i) => A[i] * v)];
}
