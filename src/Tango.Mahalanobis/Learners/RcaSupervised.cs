namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Rca"/> on chunklets drawn from class labels (metric-learn's <c>RCA_Supervised</c>): 100 chunks of 2
/// same-class rows by default. When the labels cannot supply that many chunks the fit fails with a message giving
/// the largest possible count (metric-learn's iris default, 100 chunks from 150 rows, is such a case).
/// </summary>
public sealed class RcaSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="chunkCount">Number of chunklets to draw.</param>
    /// <param name="chunkSize">Rows per chunklet.</param>
    /// <param name="shrinkage">See <see cref="Rca(int?, double?)"/>.</param>
    /// <param name="seed">Seed of the chunk draw.</param>
    public RcaSupervised(int? components = null, int chunkCount = 100, int chunkSize = 2, double? shrinkage = null,
        ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkCount);
        if (chunkSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize),
                $"RcaSupervised: chunkSize = {chunkSize}; a chunklet needs at least 2 rows.");
        }

        Inner = new Rca(components, shrinkage);
        ChunkCount = chunkCount;
        ChunkSize = chunkSize;
        Seed = seed;
    }

    /// <summary>Number of chunklets drawn.</summary>
    public int ChunkCount { get; }

    /// <summary>Rows per chunklet.</summary>
    public int ChunkSize { get; }

    /// <summary>Seed of the chunk draw.</summary>
    public ulong Seed { get; }

    /// <summary>The chunklets used by the last fit.</summary>
    public Chunks? LastChunks { get; private set; }

    /// <summary>The shrinkage applied by the last fit.</summary>
    public double AppliedShrinkage => Inner.AppliedShrinkage;

    private Rca Inner { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        var chunks = Constraints.Chunks(labels, ChunkCount, ChunkSize, Seed);
        Inner.FitChunks(x, n, d, chunks);
        LastChunks = chunks;
        SetComponents(Inner.ComponentsSpan.ToArray(), Inner.ComponentCount, d);
    }
}
