using System.Numerics.Tensors;
using Tango.Core.IO;

namespace Tango.Search.Storage;

/// <summary>
/// The vectors of an index as a list of segments, each a block of consecutive ids: vectors added from memory
/// are copied into owned chunks (grown by doubling up to ~64 MiB, so adding one vector at a time stays cheap
/// and no single array nears the 2 GiB limit); a memory-mapped matrix is referenced, never copied. The squared
/// norm of every vector is kept by id (one float each) for the L2 and cosine scores.
/// </summary>
internal sealed class VectorStore
{
    private const long MaxChunkFloats = 1 << 24;

    private readonly List<Segment> _segments = [];
    private float[] _squaredNorms = new float[16];

    public VectorStore(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
    }

    public int Dimension { get; }

    public int Count { get; private set; }

    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>‖x‖² of every vector, by id.</summary>
    public ReadOnlySpan<float> SquaredNorms => _squaredNorms.AsSpan(0, Count);

    /// <summary>Copies (n, Dimension) row-major vectors in.</summary>
    public void Append(ReadOnlySpan<float> vectors)
    {
        int n = vectors.Length / Dimension;
        GrowNorms(n);
        int maxRows = (int)Math.Max(1, MaxChunkFloats / Dimension);
        while (!vectors.IsEmpty)
        {
            var last = _segments.Count > 0 ? _segments[^1] : null;
            if (last is null || last.Mapped is not null || last.Rows == maxRows)
            {
                last = new Segment(Count, new float[Math.Min(maxRows, Math.Max(vectors.Length / Dimension, 64))
                                                   * Dimension]);
                _segments.Add(last);
            }

            if (last.Rows * Dimension == last.Owned!.Length)
            {
                int rows = Math.Min(maxRows, last.Rows * 2);
                var grown = new float[rows * Dimension];
                last.Owned.AsSpan().CopyTo(grown);
                last.Owned = grown;
            }

            int take = Math.Min(vectors.Length / Dimension, last.Owned.Length / Dimension - last.Rows);
            var part = vectors[..(take * Dimension)];
            part.CopyTo(last.Owned.AsSpan(last.Rows * Dimension));
            ComputeNorms(part, Count);
            last.Rows += take;
            Count += take;
            vectors = vectors[(take * Dimension)..];
        }
    }

    /// <summary>References a mapped matrix (read once here for the norms; never copied).</summary>
    public void Attach(MappedFloatMatrix matrix)
    {
        GrowNorms(matrix.Rows);
        var segment = new Segment(Count, matrix);
        const int block = 4096;
        for (int r = 0; r < matrix.Rows; r += block)
        {
            int rows = Math.Min(block, matrix.Rows - r);
            ComputeNorms(matrix.GetRows(r, rows), Count + r);
        }

        _segments.Add(segment);
        Count += matrix.Rows;
    }

    private void ComputeNorms(ReadOnlySpan<float> rows, int firstId)
    {
        int n = rows.Length / Dimension;
        for (int i = 0; i < n; i++)
        {
            _squaredNorms[firstId + i] = TensorPrimitives.SumOfSquares(rows.Slice(i * Dimension, Dimension));
        }
    }

    private void GrowNorms(int more)
    {
        if ((long)Count + more > int.MaxValue)
        {
            throw new InvalidOperationException($"An index holds at most {int.MaxValue} vectors.");
        }

        if (Count + more > _squaredNorms.Length)
        {
            Array.Resize(ref _squaredNorms, (int)Math.Min(int.MaxValue, Math.Max(Count + more, 2L * Count)));
        }
    }

    /// <summary>Vectors with ids FirstId .. FirstId + Rows − 1, owned or mapped.</summary>
    internal sealed class Segment
    {
        public Segment(int firstId, float[] owned)
        {
            FirstId = firstId;
            Owned = owned;
        }

        public Segment(int firstId, MappedFloatMatrix mapped)
        {
            FirstId = firstId;
            Mapped = mapped;
            Rows = mapped.Rows;
        }

        public int FirstId { get; }

        public int Rows { get; set; }

        public float[]? Owned { get; set; }

        public MappedFloatMatrix? Mapped { get; }

        /// <summary>Rows [start, start + count) of this segment, (count, dimension) row-major.</summary>
        public ReadOnlySpan<float> GetRows(int start, int count, int dimension) =>
            Owned is not null ? Owned.AsSpan(start * dimension, count * dimension) : Mapped!.GetRows(start, count);
    }
}
