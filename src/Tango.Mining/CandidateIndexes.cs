using Tango.Search;

namespace Tango.Mining;

/// <summary>Builds the candidate index over a mining corpus: exact (<see cref="FlatIndex"/>) or inverted-file
/// (<see cref="IvfIndex"/>).</summary>
public static class CandidateIndexes
{
    /// <summary>An exact index over <paramref name="corpus"/>; a mapped corpus is attached, not copied.</summary>
    public static FlatIndex Flat(VectorRows corpus, MetricKind metric, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var index = new FlatIndex(corpus.Columns, metric);
        if (maxThreads > 0)
        {
            index.MaxThreads = maxThreads;
        }

        if (corpus.Mapped is not null)
        {
            index.Add(corpus.Mapped);
        }
        else
        {
            index.Add(corpus.GetRows(0, corpus.Rows));
        }

        return index;
    }

    /// <summary>
    /// An inverted-file index with <paramref name="lists"/> cells, trained on <paramref name="trainingRows"/>
    /// corpus rows drawn without replacement by <paramref name="seed"/> (all rows when fewer), searched with
    /// <paramref name="probes"/> cells. The vectors are copied into the lists (corpus-sized memory).
    /// </summary>
    public static IvfIndex Ivf(VectorRows corpus, MetricKind metric, int lists, int probes, int trainingRows,
        long seed = 1234, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (lists > corpus.Rows)
        {
            throw new ArgumentException(
                $"IVF needs at least as many corpus rows as lists; '{corpus.Name}' has {corpus.Rows}, " +
                $"lists = {lists}.");
        }

        var index = new IvfIndex(corpus.Columns, lists, metric) { Seed = seed };
        if (maxThreads > 0)
        {
            index.MaxThreads = maxThreads;
        }

        index.Train(TrainingSample(corpus, Math.Clamp(trainingRows, lists, corpus.Rows), seed));
        index.Probes = probes;
        if (corpus.Mapped is not null)
        {
            index.Add(corpus.Mapped);
        }
        else
        {
            index.Add(corpus.GetRows(0, corpus.Rows));
        }

        return index;
    }

    // n rows without replacement (Floyd's algorithm), copied in row order.
    private static float[] TrainingSample(VectorRows corpus, int n, long seed)
    {
        int d = corpus.Columns;
        if (n == corpus.Rows)
        {
            return corpus.GetRows(0, n).ToArray();
        }

        var rng = new Tango.Core.Rng((ulong)seed);
        var chosen = new HashSet<int>();
        for (int j = corpus.Rows - n; j < corpus.Rows; j++)
        {
            int t = rng.NextInt(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var rows = chosen.Order().ToArray();
        var sample = new float[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            corpus.Row(rows[i]).CopyTo(sample.AsSpan(i * d, d));
        }

        return sample;
    }
}
