namespace Tango.Evaluation;

/// <summary>
/// pytorch-metric-learning's label bookkeeping: for each query, R = the number of references with its label
/// (minus one when the reference set includes the queries, for the query itself). A query whose R is 0 has a
/// "lone" label: nothing can be retrieved for it, so PML leaves it out of every k-NN metric.
/// </summary>
internal sealed class LabelStatistics
{
    public LabelStatistics(ReadOnlySpan<int> queryLabels, ReadOnlySpan<int> referenceLabels, bool includesQuery)
    {
        var counts = new Dictionary<int, int>();
        foreach (int label in referenceLabels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        int self = includesQuery ? 1 : 0;
        Relevant = new int[queryLabels.Length];
        var uniqueQuery = new SortedSet<int>();
        var lone = new SortedSet<int>();
        for (int i = 0; i < queryLabels.Length; i++)
        {
            int label = queryLabels[i];
            uniqueQuery.Add(label);
            Relevant[i] = counts.GetValueOrDefault(label) - self;
            if (Relevant[i] <= 0)
            {
                lone.Add(label);
            }
        }

        // PML's max bin count: the largest reference count among the query labels.
        MaxBinCount = uniqueQuery.Count == 0 ? 0 : uniqueQuery.Max(l => counts.GetValueOrDefault(l));
        QueryClassCount = uniqueQuery.Count;
        LoneLabels = [.. lone];
    }

    /// <summary>R per query: its relevant references.</summary>
    public int[] Relevant { get; }

    /// <summary>The largest reference count of a label that some query has.</summary>
    public int MaxBinCount { get; }

    /// <summary>Distinct query labels (the k of the NMI/AMI clustering).</summary>
    public int QueryClassCount { get; }

    /// <summary>Query labels with no relevant reference, ascending.</summary>
    public int[] LoneLabels { get; }

    public bool IsLone(int query) => Relevant[query] <= 0;
}
