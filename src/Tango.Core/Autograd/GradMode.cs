namespace Tango.Core.Autograd;

/// <summary>Per-thread switch that turns graph recording off (see <see cref="Tensor.NoGrad"/>).</summary>
public static class GradMode
{
    [ThreadStatic]
    private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="Tensor.NoGrad"/> scope on this thread.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    internal static void Disable() => _disabledDepth++;

    internal static void Restore() => _disabledDepth--;
}
