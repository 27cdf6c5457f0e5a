namespace Tango.Search.Kernels;

/// <summary>
/// The (m, d) queries of one search as a pinned pointer, so the parallel workers can read them without a copy.
/// Valid only inside the <c>fixed</c> block of the search that made it.
/// </summary>
internal readonly unsafe struct QueryRows(float* data, int length)
{
    public ReadOnlySpan<float> Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Query values [{start}, {start + count}) are " +
                                                                 $"outside the {length} given.");
        }

        return new ReadOnlySpan<float>(data + start, count);
    }
}
