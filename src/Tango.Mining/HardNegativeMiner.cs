using Tango.Search;

namespace Tango.Mining;

/// <summary>
/// Hard-negative mining over a corpus (sentence-transformers' <c>mine_hard_negatives</c>, on embeddings the
/// caller already has). Queries stream through the index in blocks of
/// <see cref="HardNegativeMiningOptions.QueryBlock"/>; each query retrieves RangeMax + (its own number of
/// positives) candidates, which are rescored pair by pair, filtered against that query's own positives and sampled. Memory is O(QueryBlock × RangeMax) besides the index;
/// a memory-mapped corpus is never copied by a <see cref="FlatIndex"/>. The result does not depend on the block
/// size or thread count.
/// </summary>
public sealed class HardNegativeMiner
{
    private readonly HardNegativeMiningOptions _options;

    /// <summary>A miner with the given settings (validated here).</summary>
    public HardNegativeMiner(HardNegativeMiningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The settings.</summary>
    public HardNegativeMiningOptions Options => _options;

    /// <summary>
    /// Mines negatives for every query that has positives. <paramref name="index"/> holds exactly the rows of
    /// <paramref name="corpus"/> (ids = rows) with an inner-product or cosine metric; <paramref name="positives"/>[i]
    /// lists the corpus rows relevant to query i (duplicates are ignored; an empty list skips the query).
    /// </summary>
    public MiningResult Mine(VectorRows queries, VectorRows corpus, IKnnIndex index,
        IReadOnlyList<IReadOnlyList<int>> positives, GuideEmbeddings? guide = null,
        IProgress<MiningProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clean = Validate(queries, corpus, index, positives, guide);
        var scorer = new PairScorer(queries, corpus, index.Metric);
        var guideScorer = guide is null ? null : new PairScorer(guide.Queries, guide.Corpus, guide.Metric);
        var miner = new QueryMiner(_options, scorer, guideScorer);
        var active = Enumerable.Range(0, queries.Rows).Where(q => clean[q].Length > 0).ToArray();
        var rows = new List<MinedRow>();
        var counts = new MiningFilterCounts();
        int rangeMax = _options.EffectiveRangeMax, d = queries.Columns;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.MaxThreads, CancellationToken = cancellation,
        };
        for (int b0 = 0; b0 < active.Length; b0 += _options.QueryBlock)
        {
            cancellation.ThrowIfCancellationRequested();
            var block = active.AsSpan(b0, Math.Min(_options.QueryBlock, active.Length - b0)).ToArray();
            var buffer = new float[block.Length * d];
            for (int i = 0; i < block.Length; i++)
            {
                queries.Row(block[i]).CopyTo(buffer.AsSpan(i * d, d));
            }

            int k = (int)Math.Min(corpus.Rows, (long)rangeMax + block.Max(q => clean[q].Length));
            var hits = index.Search(buffer, k);
            var blockRows = new MinedRow[block.Length][];
            var blockCounts = new MiningFilterCounts[block.Length];
            try
            {
                Parallel.For(0, block.Length, parallel, i =>
                {
                    blockCounts[i] = new MiningFilterCounts();
                    blockRows[i] = miner.Mine(block[i], hits.IdsOf(i), clean[block[i]], blockCounts[i]);
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // The first bad row's own message (e.g. which embedding holds NaN), not "one or more errors".
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            foreach (var (r, c) in blockRows.Zip(blockCounts))
            {
                rows.AddRange(r);
                counts.Add(c);
            }

            progress?.Report(new MiningProgress(b0 + block.Length, active.Length));
        }

        return new MiningResult(rows, counts, active.Length, queries.Rows - active.Length, _options.NumNegatives);
    }

    // Checks every shape and id up front; returns each query's distinct positives in the order given.
    private static int[][] Validate(VectorRows queries, VectorRows corpus, IKnnIndex index,
        IReadOnlyList<IReadOnlyList<int>> positives, GuideEmbeddings? guide)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(positives);
        RequireSimilarity(index.Metric, "the index");
        Require(queries.Columns == corpus.Columns, $"the queries ('{queries.Name}') have dimension " +
            $"{queries.Columns} but the corpus ('{corpus.Name}') has dimension {corpus.Columns}.");
        Require(index.Dimension == corpus.Columns && index.Count == corpus.Rows, $"the index holds {index.Count} " +
            $"vectors of dimension {index.Dimension}; the corpus ('{corpus.Name}') is {corpus.Rows} × " +
            $"{corpus.Columns}.");
        Require(positives.Count == queries.Rows, $"{positives.Count} positive lists were given for " +
            $"{queries.Rows} queries ('{queries.Name}').");
        if (guide is not null)
        {
            RequireSimilarity(guide.Metric, "the guide");
            Require(guide.Queries.Rows == queries.Rows, $"the guide queries ('{guide.Queries.Name}') have " +
                $"{guide.Queries.Rows} rows; the queries have {queries.Rows}.");
            Require(guide.Corpus.Rows == corpus.Rows, $"the guide corpus ('{guide.Corpus.Name}') has " +
                $"{guide.Corpus.Rows} rows; the corpus has {corpus.Rows}.");
            Require(guide.Queries.Columns == guide.Corpus.Columns, $"the guide queries have dimension " +
                $"{guide.Queries.Columns} but the guide corpus has {guide.Corpus.Columns}.");
        }

        var clean = new int[queries.Rows][];
        for (int q = 0; q < clean.Length; q++)
        {
            var list = positives[q] ?? [];
            foreach (int p in list)
            {
                Require((uint)p < (uint)corpus.Rows, $"query {q} lists positive corpus row {p}, outside the " +
                    $"{corpus.Rows} rows of '{corpus.Name}'.");
            }

            clean[q] = [.. list.Distinct()];
        }

        return clean;
    }

    private static void RequireSimilarity(MetricKind metric, string what) => Require(metric.IsSimilarity(),
        $"{what} uses {metric}; mining needs a similarity (InnerProduct or Cosine), as its filters compare scores.");

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Hard-negative mining: {message}");
        }
    }
}
