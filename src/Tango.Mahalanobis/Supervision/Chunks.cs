namespace Tango.Mahalanobis;

/// <summary>
/// Chunklets: groups of rows known to share a class (Bar-Hillel et al. 2005), as one chunk id per row, -1 for rows
/// in no chunk (metric-learn's chunk supervision, used by RCA).
/// </summary>
public sealed class Chunks
{
    private readonly int[] _assignment;

    /// <summary>Creates chunks from one id per row (-1: in no chunk).</summary>
    public Chunks(int[] assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        for (int i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] < -1)
            {
                throw new ArgumentException(
                    $"Chunks: assignment[{i}] = {assignment[i]}; chunk ids are ≥ 0, or -1 for no chunk.",
                    nameof(assignment));
            }
        }

        _assignment = (int[])assignment.Clone();
        int max = -1;
        foreach (int c in assignment)
        {
            max = Math.Max(max, c);
        }

        Count = max + 1;
    }

    /// <summary>Number of chunks (largest id + 1).</summary>
    public int Count { get; }

    /// <summary>Number of rows the assignment covers.</summary>
    public int Length => _assignment.Length;

    /// <summary>Chunk id of each row, -1 for none (a copy).</summary>
    public int[] Assignment => (int[])_assignment.Clone();

    internal ReadOnlySpan<int> AssignmentSpan => _assignment;
}
