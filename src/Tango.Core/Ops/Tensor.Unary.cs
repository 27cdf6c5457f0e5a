using System.Numerics.Tensors;
using Tango.Core.Autograd;
using Tango.Core.Kernels;

namespace Tango.Core;

// Elementwise functions. Forward through an IUnaryOp kernel or a TensorPrimitives call; the backward rule sits
// beside it. Kinks (Abs at 0, Clamp at its bounds) follow PyTorch's choice of subgradient.
public sealed partial class Tensor
{
    /// <summary>Applies a unary kernel into a new tensor (no graph).</summary>
    internal Tensor Map<TOp>() where TOp : IUnaryOp
    {
        var y = Uninitialized(Shape);
        TOp.Apply(Span, y.Span);
        return y;
    }

    /// <summary>Records an elementwise op whose gradient needs only x, y and g, position by position.</summary>
    internal Tensor RecordElementwise(string op, Tensor y, ElementwiseGrad rule) =>
        y.Record(op, [this], g =>
        {
            var dx = Uninitialized(Shape);
            rule(Span, y.Span, g.Span, dx.Span);
            AccumulateGrad(dx);
        });

    /// <summary>e^x. dy/dx = y.</summary>
    public Tensor Exp() => RecordElementwise("Exp", Map<ExpOp>(), static (_, ys, gs, dx) =>
        TensorPrimitives.Multiply(gs, ys, dx));

    /// <summary>max(x, 0). dy/dx = 1 where x &gt; 0.</summary>
    public Tensor Relu() => RecordElementwise("Relu", Map<ReluOp>(), static (xs, _, gs, dx) =>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = xs[i] > 0 ? gs[i] : 0f;
        }
    });

    /// <summary>ln x (NaN below 0, −∞ at 0). dy/dx = 1/x.</summary>
    public Tensor Log() => RecordElementwise("Log", Map<LogOp>(), static (xs, _, gs, dx) =>
        TensorPrimitives.Divide(gs, xs, dx));

    /// <summary>ln(1 + x), accurate near 0. dy/dx = 1/(1 + x).</summary>
    public Tensor Log1p() => RecordElementwise("Log1p", Map<Log1pOp>(), static (xs, _, gs, dx) =>
    {
        TensorPrimitives.Add(xs, 1f, dx);
        TensorPrimitives.Divide(gs, dx, dx);
    });

    /// <summary>√x. dy/dx = 1/(2y) (∞ at 0, as PyTorch).</summary>
    public Tensor Sqrt() => RecordElementwise("Sqrt", Map<SqrtOp>(), static (_, ys, gs, dx) =>
    {
        TensorPrimitives.Multiply(ys, 2f, dx);
        TensorPrimitives.Divide(gs, dx, dx);
    });

    /// <summary>x². dy/dx = 2x.</summary>
    public Tensor Square() => RecordElementwise("Square", Map<SquareOp>(), static (xs, _, gs, dx) =>
    {
        TensorPrimitives.Multiply(xs, 2f, dx);
        TensorPrimitives.Multiply(dx, gs, dx);
    });

    /// <summary>|x|. dy/dx = sign(x), 0 at 0 (as PyTorch).</summary>
    public Tensor Abs() => RecordElementwise("Abs", Map<AbsOp>(), static (xs, _, gs, dx) =>
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = xs[i] > 0 ? gs[i] : xs[i] < 0 ? -gs[i] : 0f;
        }
    });

    /// <summary>x^p (NaN for negative x and non-integer p). dy/dx = p·x^(p−1), and 0 everywhere when p = 0.</summary>
    public Tensor Pow(float p)
    {
        var y = Uninitialized(Shape);
        TensorPrimitives.Pow(Span, p, y.Span);
        return RecordElementwise("Pow", y, (xs, _, gs, dx) =>
        {
            if (p == 0)
            {
                dx.Clear();
                return;
            }

            TensorPrimitives.Pow(xs, p - 1f, dx);
            TensorPrimitives.Multiply(dx, p, dx);
            TensorPrimitives.Multiply(dx, gs, dx);
        });
    }

    /// <summary>
    /// min(max(x, min), max); NaN stays NaN. The gradient passes where min ≤ x ≤ max (bounds included, as
    /// PyTorch). Unlike PyTorch, min &gt; max is rejected rather than clamping everything to max.
    /// </summary>
    public Tensor Clamp(float min, float max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException(
                $"Clamp: needs min ≤ max (neither NaN); got min {min}, max {max} (input shape {ShapeString}).");
        }

        var y = Uninitialized(Shape);
        TensorPrimitives.Max(Span, min, y.Span);
        TensorPrimitives.Min(y.Span, max, y.Span);
        return RecordElementwise("Clamp", y, (xs, _, gs, dx) =>
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] >= min && xs[i] <= max ? gs[i] : 0f;
            }
        });
    }

    /// <summary>max(x, min); the gradient passes where x ≥ min.</summary>
    public Tensor ClampMin(float min)
    {
        RequireNumber(min, "ClampMin", nameof(min));
        var y = Uninitialized(Shape);
        TensorPrimitives.Max(Span, min, y.Span);
        return RecordElementwise("ClampMin", y, (xs, _, gs, dx) =>
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] >= min ? gs[i] : 0f;
            }
        });
    }

    /// <summary>min(x, max); the gradient passes where x ≤ max.</summary>
    public Tensor ClampMax(float max)
    {
        RequireNumber(max, "ClampMax", nameof(max));
        var y = Uninitialized(Shape);
        TensorPrimitives.Min(Span, max, y.Span);
        return RecordElementwise("ClampMax", y, (xs, _, gs, dx) =>
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = xs[i] <= max ? gs[i] : 0f;
            }
        });
    }

    private void RequireNumber(float value, string op, string name)
    {
        if (float.IsNaN(value))
        {
            throw new ArgumentException($"{op}: {name} is NaN (input shape {ShapeString}).", name);
        }
    }
}
