using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>
/// Runs a reference case of a loss that owns parameters: loads the case's <c>param_init</c> into them, checks the
/// value, the embedding gradient (<see cref="ReferenceRunner"/>), every recorded parameter gradient, and the
/// unreduced sub-losses.
/// <para>
/// Parameter-gradient tolerance: the case records PML's own float32 error only for the embedding gradient.
/// A parameter gradient sums the same per-element terms over the batch, so its float32 error scales with its
/// magnitude: we transfer the embedding gradient's relative error by multiplying <see cref="ReferenceAssert"/>'s
/// bound (20·e32 + 1e-5·max|g_param|) by max(1, max|g_param| / max|g_emb|).
/// </para>
/// </summary>
public static class ParametricReference
{
    public static void Check(ReferenceCase c, ParametricLoss loss, double gradientSlack = 1)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(loss);
        foreach (var (name, _) in c.ParamInit)
        {
            loss.LoadParameter(name, c.ParamValues(name));
        }

        loss.ZeroGrad();
        ReferenceRunner.Check(c, loss, gradientSlack: gradientSlack);
        double embScale = c.Grad64!.Max(Math.Abs);
        Assert.NotEmpty(c.GradParams64);
        foreach (var (name, expected) in c.GradParams64)
        {
            var grad = loss.Parameter(name).Grad
                ?? throw new InvalidOperationException($"{c.Name}: no gradient for {name}.");
            double ratio = Math.Max(1, expected.Max(Math.Abs) / embScale);
            ReferenceAssert.Gradient(c, expected, grad.ToArray(), $"grad_params[{name}]", gradientSlack * ratio);
        }

        foreach (var (name, _) in c.ParamInit)
        {
            loss.LoadParameter(name, c.ParamValues(name));
        }

        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels, c.Tuples()));
    }

    /// <summary>The int value of a numeric kwarg.</summary>
    public static int Int(this ReferenceCase c, string name) => (int)c.Kwarg(name);

    /// <summary>The float value of a numeric kwarg.</summary>
    public static float Float(this ReferenceCase c, string name) => (float)c.Kwarg(name);

    /// <summary>A fresh batch tensor that requires a gradient.</summary>
    public static Tensor Batch(ulong seed, int n, int d)
    {
        var x = SeededCases.Normal(seed, n, d);
        x.RequiresGrad = true;
        return x;
    }
}
