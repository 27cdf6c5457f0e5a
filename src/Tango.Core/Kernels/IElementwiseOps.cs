namespace Tango.Core.Kernels;

/// <summary>
/// A binary elementwise operator as a tiny static struct: the scalar rule plus vectorised span forms.
/// One generic driver (<see cref="Broadcasting.Binary{TOp}"/>) does shape checks, broadcasting and dispatch.
/// </summary>
internal interface IBinaryOp
{
    static abstract float Apply(float a, float b);

    static abstract void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

    static abstract void Apply(ReadOnlySpan<float> a, float b, Span<float> y);

    static abstract void Apply(float a, ReadOnlySpan<float> b, Span<float> y);
}

/// <summary>A unary elementwise operator: scalar rule plus vectorised span form.</summary>
internal interface IUnaryOp
{
    static abstract float Apply(float x);

    static abstract void Apply(ReadOnlySpan<float> x, Span<float> y);
}
