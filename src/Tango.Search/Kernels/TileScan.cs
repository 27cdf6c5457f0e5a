using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tango.Core.Kernels;

namespace Tango.Search.Kernels;

/// <summary>
/// Streams one query's row of a score tile into its top-k heap. Each vector of candidates is transformed to
/// scores and compared with the heap's worst survivor τ at once; only lanes with s ≥ τ (rare once the heap has
/// filled: about k·ln(n/k) of n candidates on random data) fall back to the exact insertion, in id order, so
/// the result equals a scalar scan. NaN scores never enter the heap.
/// </summary>
internal static class TileScan
{
    // c: (m) dot products, terms: (m) per-column terms (unused by PlainScore), ids: (m) or empty (then the id of
    // column j is idBase + j) -> heap (scores, ids: (k)) updated
    public static void Row<T>(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, ReadOnlySpan<int> ids, int idBase,
        Span<float> heapScores, Span<int> heapIds, SimdWidth width) where T : struct, IScoreTransform
    {
        int m = c.Length, j = 0;
        if (heapScores.Length == 0 || m == 0)
        {
            return;
        }

        if (T.UsesTerm && terms.Length < m || !ids.IsEmpty && ids.Length < m)
        {
            throw new ArgumentException($"TileScan.Row: {m} scores need {m} terms and ids; got {terms.Length} " +
                                        $"and {ids.Length}.");
        }

        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float tRef = ref MemoryMarshal.GetReference(terms);
        if (width >= SimdWidth.Vector256)
        {
            var tau = Vector256.Create(heapScores[0]);
            for (; j + Vector256<float>.Count <= m; j += Vector256<float>.Count)
            {
                var s = T.Apply(Vector256.LoadUnsafe(ref cRef, (nuint)j),
                    T.UsesTerm ? Vector256.LoadUnsafe(ref tRef, (nuint)j) : default);
                uint hits = Vector256.GreaterThanOrEqual(s, tau).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    Insert<T>(hits, j, c, terms, ids, idBase, heapScores, heapIds);
                    tau = Vector256.Create(heapScores[0]);
                }
            }
        }

        if (width >= SimdWidth.Vector128)
        {
            var tau = Vector128.Create(heapScores[0]);
            for (; j + Vector128<float>.Count <= m; j += Vector128<float>.Count)
            {
                var s = T.Apply(Vector128.LoadUnsafe(ref cRef, (nuint)j),
                    T.UsesTerm ? Vector128.LoadUnsafe(ref tRef, (nuint)j) : default);
                uint hits = Vector128.GreaterThanOrEqual(s, tau).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    Insert<T>(hits, j, c, terms, ids, idBase, heapScores, heapIds);
                    tau = Vector128.Create(heapScores[0]);
                }
            }
        }

        for (; j < m; j++)
        {
            Offer<T>(j, c, terms, ids, idBase, heapScores, heapIds);
        }
    }

    // The lanes set in hits, lowest (smallest column) first, go through the exact test.
    // Recomputing a lane's score in scalar gives the same float as the vector did (one IEEE operation).
    private static void Insert<T>(uint hits, int j0, ReadOnlySpan<float> c, ReadOnlySpan<float> terms,
        ReadOnlySpan<int> ids, int idBase, Span<float> heapScores, Span<int> heapIds) where T : struct, IScoreTransform
    {
        while (hits != 0)
        {
            Offer<T>(j0 + BitOperations.TrailingZeroCount(hits), c, terms, ids, idBase, heapScores, heapIds);
            hits &= hits - 1;
        }
    }

    private static void Offer<T>(int j, ReadOnlySpan<float> c, ReadOnlySpan<float> terms, ReadOnlySpan<int> ids,
        int idBase, Span<float> heapScores, Span<int> heapIds) where T : struct, IScoreTransform
    {
        float s = T.Apply(c[j], T.UsesTerm ? terms[j] : 0f);
        NeighborHeap.Push(heapScores, heapIds, s, ids.IsEmpty ? idBase + j : ids[j]);
    }
}
