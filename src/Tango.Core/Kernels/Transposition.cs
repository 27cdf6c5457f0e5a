namespace Tango.Core.Kernels;

/// <summary>Cache-blocked out-of-place transpose.</summary>
internal static class Transposition
{
    private const int Block = 32;

    // x: (r, c) -> y: (c, r)
    public static void Transpose(ReadOnlySpan<float> x, Span<float> y, int r, int c)
    {
        for (int i0 = 0; i0 < r; i0 += Block)
        {
            int i1 = Math.Min(r, i0 + Block);
            for (int j0 = 0; j0 < c; j0 += Block)
            {
                int j1 = Math.Min(c, j0 + Block);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        y[j * r + i] = x[i * c + j];
                    }
                }
            }
        }
    }
}
