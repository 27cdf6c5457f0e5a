using Tango.Search;

namespace Tango.Mining.Tests;

/// <summary>
/// Small corpora whose scores are listed by hand: query q is the one-hot vector e_q and corpus row j holds
/// scores[q][j] in component q, so the inner product of (q, j) is exactly scores[q][j].
/// </summary>
internal static class Hand
{
    public static (VectorRows Queries, VectorRows Corpus, FlatIndex Index) Build(float[][] scores)
    {
        int nq = scores.Length, n = scores[0].Length;
        var q = new float[nq * nq];
        var c = new float[n * nq];
        for (int i = 0; i < nq; i++)
        {
            q[i * nq + i] = 1f;
            for (int j = 0; j < n; j++)
            {
                c[j * nq + i] = scores[i][j];
            }
        }

        var corpus = VectorRows.FromArray(c, n, nq, "corpus");
        return (VectorRows.FromArray(q, nq, nq, "queries"), corpus,
            CandidateIndexes.Flat(corpus, MetricKind.InnerProduct));
    }

    public static MiningResult Mine(float[][] scores, int[][] positives, HardNegativeMiningOptions options)
    {
        var (q, c, index) = Build(scores);
        return new HardNegativeMiner(options).Mine(q, c, index, positives);
    }

    /// <summary>Seeded Gaussian rows.</summary>
    public static float[] Random(int rows, int d, ulong seed)
    {
        var rng = new Tango.Core.Rng(seed);
        var x = new float[rows * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextNormal();
        }

        return x;
    }
}
