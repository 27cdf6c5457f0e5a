namespace Tango.Core.Autograd;

/// <summary>
/// The backward rule of an elementwise op: writes dx from the input x, the output y and the output gradient g
/// (all of one length, position by position).
/// </summary>
internal delegate void ElementwiseGrad(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> g,
    Span<float> dx);
