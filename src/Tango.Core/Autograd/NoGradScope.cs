namespace Tango.Core.Autograd;

/// <summary>While alive, operations on this thread record no graph. Returned by <see cref="Tensor.NoGrad"/>.</summary>
public readonly struct NoGradScope : IDisposable
{
    private readonly bool _active;

    internal NoGradScope(bool active)
    {
        _active = active;
        if (active)
        {
            GradMode.Disable();
        }
    }

    /// <summary>Restores the previous mode.</summary>
    public void Dispose()
    {
        if (_active)
        {
            GradMode.Restore();
        }
    }
}
