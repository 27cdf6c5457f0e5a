using Tango.Core.Autograd;
using Tango.Core.Memory;

namespace Tango.Core;

public sealed partial class Tensor
{
    private bool _requiresGrad;
    private GradNode? _node;
    private Tensor? _pendingGrad;

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves (tensors no operation produced);
    /// an operation's output requires a gradient when any input does.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad || _node is not null;
        set
        {
            if (_node is not null && !value)
            {
                throw new InvalidOperationException("Cannot turn off RequiresGrad on a computed tensor; use Detach().");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>True if no recorded operation produced this tensor.</summary>
    public bool IsLeaf => _node is null;

    /// <summary>The accumulated gradient of a leaf that requires one (null until the first backward pass).</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The name of the operation that produced this tensor, or null for a leaf.</summary>
    public string? GradFnName => _node?.Op;

    /// <summary>Turns graph recording off on this thread until the returned scope is disposed.</summary>
    public static NoGradScope NoGrad() => new(true);

    /// <summary>A tensor sharing no graph with this one (same values, copied), as a leaf.</summary>
    public Tensor Detach()
    {
        var copy = Uninitialized(_shape);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Sets the gradient of every leaf that requires one back to zero, keeping the buffer.</summary>
    public void ZeroGrad()
    {
        Grad?.Span.Clear();
    }

    /// <summary>
    /// Backpropagates from this tensor. A one-element tensor seeds with 1; otherwise pass
    /// <paramref name="gradient"/> of the same shape. Leaf gradients accumulate into <see cref="Grad"/>.
    /// </summary>
    public void Backward(Tensor? gradient = null)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException("Backward() on a tensor that does not require a gradient.");
        }

        if (gradient is null && Size != 1)
        {
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a one-element tensor; this one has shape {ShapeString}.");
        }

        if (gradient is not null && !Shapes.Equal(gradient.Shape, _shape))
        {
            throw new ArgumentException($"Gradient shape {gradient.ShapeString} differs from tensor shape {ShapeString}.");
        }

        var order = TopologicalOrder(this);
        using (NoGrad())
        {
            AccumulateGrad(gradient ?? Full(1f, _shape));
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var t = order[i];
                var g = t._pendingGrad;
                t._pendingGrad = null;
                if (g is not null)
                {
                    t._node!.Backward(g);
                }
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="g"/> to this tensor's gradient, first summing it over broadcast axes so it has this
    /// tensor's shape. This is the one place broadcast gradients are reduced. Called by backward rules.
    /// </summary>
    internal void AccumulateGrad(Tensor g)
    {
        if (!RequiresGrad)
        {
            return;
        }

        if (!Shapes.Equal(g.Shape, _shape))
        {
            g = Kernels.Broadcasting.SumToShape(g, _shape);
        }

        if (_node is null)
        {
            if (Grad is null)
            {
                Grad = TensorScope.Unowned(() => Zeros(_shape));
            }

            System.Numerics.Tensors.TensorPrimitives.Add(Grad.Span, g.Span, Grad.Span);
        }
        else if (_pendingGrad is null)
        {
            _pendingGrad = g.Detach();
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(_pendingGrad.Span, g.Span, _pendingGrad.Span);
        }
    }

    /// <summary>Records <paramref name="backward"/> on this output if grad mode is on and any input needs it.</summary>
    internal Tensor Record(string op, Tensor[] inputs, Action<Tensor> backward)
    {
        if (!GradMode.IsEnabled)
        {
            return this;
        }

        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                _node = new GradNode(op, inputs, backward);
                return this;
            }
        }

        return this;
    }

    /// <summary>True when an operation on these inputs would be recorded.</summary>
    internal static bool Recording(Tensor a) => GradMode.IsEnabled && a.RequiresGrad;

    /// <summary>Nodes reachable from <paramref name="root"/> in topological order (inputs before outputs), iteratively.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t._node?.Inputs ?? [];
            if (next < inputs.Length)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child._node is not null && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else if (t._node is not null)
            {
                order.Add(t);
            }
        }

        return order;
    }
}
