namespace Tango.Core.Kernels;

/// <summary>A kernel over contiguous rows: a and b (b may be empty) are (rows, n); it writes y.</summary>
internal delegate void RowsKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int rows, int n);

/// <summary>
/// Serves any axis to row kernels. A tensor viewed as (outer, n, inner) has outer·inner lanes x[o, :, i] of
/// length n; when inner == 1 they already are contiguous rows, otherwise a batched transpose to
/// (outer, inner, n) makes them so (and another brings results back). Row r of that layout is lane
/// (o, i) = (r / inner, r % inner), which is also the row-major order of the reduced shape.
/// </summary>
internal static class Lanes
{
    // x: (outer, n, inner) -> rows: (outer, inner, n)
    public static void ToRows(ReadOnlySpan<float> x, Span<float> rows, int outer, int n, int inner)
    {
        int block = n * inner;
        for (int o = 0; o < outer; o++)
        {
            Transposition.Transpose(x.Slice(o * block, block), rows.Slice(o * block, block), n, inner);
        }
    }

    // rows: (outer, inner, n) -> x: (outer, n, inner)
    public static void FromRows(ReadOnlySpan<float> rows, Span<float> x, int outer, int n, int inner)
    {
        int block = n * inner;
        for (int o = 0; o < outer; o++)
        {
            Transposition.Transpose(rows.Slice(o * block, block), x.Slice(o * block, block), inner, n);
        }
    }

    // a, b (b empty or same shape): (outer, n, inner) -> y: (outer, n, inner); kernel applied to every lane
    public static void Map(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int outer, int n, int inner,
        RowsKernel kernel)
    {
        if (inner == 1)
        {
            kernel(a, b, y, outer, n);
            return;
        }

        int size = outer * n * inner;
        var ra = Memory.BufferPool.Rent(size, clear: false);
        var rb = b.IsEmpty ? [] : Memory.BufferPool.Rent(size, clear: false);
        var ry = Memory.BufferPool.Rent(size, clear: false);
        ToRows(a, ra, outer, n, inner);
        if (!b.IsEmpty)
        {
            ToRows(b, rb, outer, n, inner);
        }

        kernel(ra, rb, ry, outer * inner, n);
        FromRows(ry, y, outer, n, inner);
        Memory.BufferPool.Return(ra);
        Memory.BufferPool.Return(rb);
        Memory.BufferPool.Return(ry);
    }

    /// <summary>The lanes as contiguous rows: <paramref name="x"/> itself if inner == 1, else a rented copy.</summary>
    // x: (outer, n, inner) -> (outer·inner, n); pair with ReturnRows
    public static ReadOnlySpan<float> AsRows(ReadOnlySpan<float> x, int outer, int n, int inner, out float[]? rented)
    {
        rented = null;
        if (inner == 1)
        {
            return x;
        }

        rented = Memory.BufferPool.Rent(outer * n * inner, clear: false);
        ToRows(x, rented, outer, n, inner);
        return rented.AsSpan(0, outer * n * inner);
    }

    /// <summary>Gives back a buffer <see cref="AsRows"/> rented.</summary>
    public static void ReturnRows(float[]? rented)
    {
        if (rented is not null)
        {
            Memory.BufferPool.Return(rented);
        }
    }
}
