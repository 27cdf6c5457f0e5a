namespace Tango.Core.Memory;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope, and returns their buffers
/// to <see cref="BufferPool"/> when disposed. A training step inside a scope therefore reuses the same
/// buffers every step instead of leaving garbage. Parameters, their gradients and optimizer state are created
/// outside scopes (gradients of leaves are never owned by a scope). Use <see cref="Keep"/> for results that
/// must outlive the scope.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? _current;

    [ThreadStatic]
    private static int _suspended;

    private readonly TensorScope? _parent;
    private readonly List<Tensor> _owned = [];
    private bool _disposed;

    private TensorScope()
    {
        _parent = _current;
        _current = this;
    }

    /// <summary>Opens a scope on this thread.</summary>
    public static TensorScope Begin() => new();

    /// <summary>Number of tensors this scope owns now.</summary>
    public int Count => _owned.Count;

    /// <summary>Moves <paramref name="tensor"/> to the enclosing scope (or to nobody) so it survives this one.</summary>
    public Tensor Keep(Tensor tensor)
    {
        if (_owned.Remove(tensor))
        {
            _parent?._owned.Add(tensor);
        }

        return tensor;
    }

    /// <summary>Releases every owned tensor's buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_current != this)
        {
            throw new InvalidOperationException("TensorScopes must be disposed innermost first.");
        }

        _current = _parent;
        foreach (var t in _owned)
        {
            t.Dispose();
        }

        _owned.Clear();
    }

    internal static void Register(Tensor t)
    {
        if (_current is { } scope && _suspended == 0)
        {
            scope._owned.Add(t);
        }
    }

    /// <summary>Creates tensors that no scope owns (gradients of leaves, optimizer state) inside the callback.</summary>
    internal static T Unowned<T>(Func<T> create)
    {
        _suspended++;
        try
        {
            return create();
        }
        finally
        {
            _suspended--;
        }
    }
}
