using Tango.Core;

namespace Tango.Search;

/// <summary>
/// A k-nearest-neighbour index over vectors of a fixed dimension: vectors are added in batches and get
/// consecutive ids from 0 in the order added; a batch of queries is searched at once (faiss's <c>Index</c>).
/// </summary>
public interface IKnnIndex
{
    /// <summary>The vector dimension.</summary>
    int Dimension { get; }

    /// <summary>How vectors are compared.</summary>
    MetricKind Metric { get; }

    /// <summary>The number of vectors added so far.</summary>
    int Count { get; }

    /// <summary>Adds (n, Dimension) row-major vectors; they get ids Count .. Count + n − 1.</summary>
    void Add(ReadOnlySpan<float> vectors);

    /// <summary>Adds the rows of a rank-2 tensor (n, Dimension).</summary>
    void Add(Tensor vectors);

    /// <summary>
    /// The <paramref name="k"/> best ids and scores of each of the (m, Dimension) row-major queries. With
    /// <paramref name="excludeSelf"/>, query i never matches id i (for "the reference set includes the queries"
    /// evaluation, where query i is corpus vector i).
    /// </summary>
    KnnResult Search(ReadOnlySpan<float> queries, int k, bool excludeSelf = false);

    /// <summary>Searches the rows of a rank-2 tensor (m, Dimension).</summary>
    KnnResult Search(Tensor queries, int k, bool excludeSelf = false);
}
