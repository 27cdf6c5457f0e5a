using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tango.Core.Kernels;

namespace Tango.Search.Kernels;

/// <summary>
/// Streams one query's row of a score tile into its top-k selection. Each vector of candidates is transformed to
/// scores and compared with the selection's threshold τ (the worst survivor) at once; only lanes with s ≥ τ
/// (rare once the selection has filled: about k·ln(n/k) of n candidates on random data) fall back to the exact
/// offer, in column order, so the result equals a scalar scan. NaN scores never pass.
/// </summary>
internal static class TileScan
{
    // c: (m) dot products, terms: (m) per-column terms (unused by PlainScore), ids: (m) or empty (then the id of
    // column j is idBase + j) -> heap (scores, ids: (k)) updated
    public static void Row<T>(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, ReadOnlySpan<int> ids, int idBase,
        Span<float> heapScores, Span<int> heapIds, SimdWidth width) where T : struct, IScoreTransform
    {
        if (heapScores.Length > 0)
        {
            var sink = new HeapSink(heapScores, heapIds);
            Row<T, HeapSink>(c, terms, ids, idBase, ref sink, width);
        }
    }

    // As above, into any sink.
    public static void Row<T, TSink>(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, ReadOnlySpan<int> ids,
        int idBase, ref TSink sink, SimdWidth width)
        where T : struct, IScoreTransform
        where TSink : ICandidateSink, allows ref struct
    {
        int m = c.Length, j = 0;
        if (T.UsesTerm && terms.Length < m || !ids.IsEmpty && ids.Length < m)
        {
            throw new ArgumentException($"TileScan.Row: {m} scores need {m} terms and ids; got {terms.Length} " +
                                        $"and {ids.Length}.");
        }

        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float tRef = ref MemoryMarshal.GetReference(terms);
        if (width >= SimdWidth.Vector256)
        {
            var tau = Vector256.Create(sink.Threshold);
            for (; j + Vector256<float>.Count <= m; j += Vector256<float>.Count)
            {
                var s = T.Apply(Vector256.LoadUnsafe(ref cRef, (nuint)j),
                    T.UsesTerm ? Vector256.LoadUnsafe(ref tRef, (nuint)j) : default);
                uint hits = Vector256.GreaterThanOrEqual(s, tau).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    Offer<T, TSink>(hits, j, c, terms, ids, idBase, ref sink);
                    tau = Vector256.Create(sink.Threshold);
                }
            }
        }

        if (width >= SimdWidth.Vector128)
        {
            var tau = Vector128.Create(sink.Threshold);
            for (; j + Vector128<float>.Count <= m; j += Vector128<float>.Count)
            {
                var s = T.Apply(Vector128.LoadUnsafe(ref cRef, (nuint)j),
                    T.UsesTerm ? Vector128.LoadUnsafe(ref tRef, (nuint)j) : default);
                uint hits = Vector128.GreaterThanOrEqual(s, tau).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    Offer<T, TSink>(hits, j, c, terms, ids, idBase, ref sink);
                    tau = Vector128.Create(sink.Threshold);
                }
            }
        }

        for (; j < m; j++)
        {
            Offer<T, TSink>(1u, j, c, terms, ids, idBase, ref sink);
        }
    }

    // The lanes set in hits, lowest (smallest column) first, go through the exact test. Recomputing a lane's
    // score in scalar gives the same float as the vector did (one IEEE operation).
    private static void Offer<T, TSink>(uint hits, int j0, ReadOnlySpan<float> c, ReadOnlySpan<float> terms,
        ReadOnlySpan<int> ids, int idBase, ref TSink sink)
        where T : struct, IScoreTransform
        where TSink : ICandidateSink, allows ref struct
    {
        while (hits != 0)
        {
            int j = j0 + BitOperations.TrailingZeroCount(hits);
            hits &= hits - 1;
            sink.Offer(T.Apply(c[j], T.UsesTerm ? terms[j] : 0f), ids.IsEmpty ? idBase + j : ids[j]);
        }
    }
}
