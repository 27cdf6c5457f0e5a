namespace Tango.Search.Ivf;

/// <summary>
/// The vectors of an IVF index grouped by coarse centroid: per list, the vectors (copied, row-major), their ids
/// and their score terms (see <see cref="Kernels.IScoreTransform"/>); per id, the list and position it went to
/// (so a search can exclude a query's own vector in O(1)).
/// </summary>
internal sealed class InvertedLists
{
    private readonly int _d;
    private readonly float[][] _vectors;
    private readonly int[][] _ids;
    private readonly float[][] _terms;
    private readonly int[] _sizes;
    private int[] _listOf = new int[16];
    private int[] _positionOf = new int[16];

    public InvertedLists(int lists, int dimension)
    {
        _d = dimension;
        _vectors = new float[lists][];
        _ids = new int[lists][];
        _terms = new float[lists][];
        _sizes = new int[lists];
        for (int l = 0; l < lists; l++)
        {
            (_vectors[l], _ids[l], _terms[l]) = ([], [], []);
        }
    }

    public int Count { get; private set; }

    public int ListCount => _sizes.Length;

    public int Size(int list) => _sizes[list];

    public ReadOnlySpan<float> Vectors(int list) => _vectors[list].AsSpan(0, _sizes[list] * _d);

    public ReadOnlySpan<int> Ids(int list) => _ids[list].AsSpan(0, _sizes[list]);

    public ReadOnlySpan<float> Terms(int list) => _terms[list].AsSpan(0, _sizes[list]);

    /// <summary>The list and position of vector <paramref name="id"/>.</summary>
    public (int List, int Position) Locate(int id) => (_listOf[id], _positionOf[id]);

    /// <summary>
    /// Makes room for <paramref name="extra"/> more vectors in <paramref name="list"/> and for
    /// <paramref name="total"/> more ids overall before a batch is appended: exactly what the batch needs for
    /// the first batch (a one-shot build holds no slack), at least half as much again for later ones (so many
    /// small batches still cost amortised O(1) per vector).
    /// </summary>
    public void Reserve(ReadOnlySpan<int> extra, int total)
    {
        for (int l = 0; l < extra.Length; l++)
        {
            int needed = _sizes[l] + extra[l], capacity = _ids[l].Length;
            if (needed > capacity)
            {
                Grow(l, Math.Max(needed, capacity + capacity / 2));
            }
        }

        if (Count + total > _listOf.Length)
        {
            int ids = Math.Max(Count + total, _listOf.Length + _listOf.Length / 2);
            Array.Resize(ref _listOf, ids);
            Array.Resize(ref _positionOf, ids);
        }
    }

    /// <summary>Appends vector <paramref name="x"/> with the next id to <paramref name="list"/>.</summary>
    public void Append(int list, ReadOnlySpan<float> x, float term)
    {
        int size = _sizes[list];
        if (size == _ids[list].Length)
        {
            Grow(list, Math.Max(16, size * 2));
        }

        if (Count == _listOf.Length)
        {
            Array.Resize(ref _listOf, Count * 2);
            Array.Resize(ref _positionOf, Count * 2);
        }

        x.CopyTo(_vectors[list].AsSpan(size * _d, _d));
        _ids[list][size] = Count;
        _terms[list][size] = term;
        _listOf[Count] = list;
        _positionOf[Count] = size;
        _sizes[list] = size + 1;
        Count++;
    }

    private void Grow(int list, int capacity)
    {
        Array.Resize(ref _vectors[list], capacity * _d);
        Array.Resize(ref _ids[list], capacity);
        Array.Resize(ref _terms[list], capacity);
    }
}
