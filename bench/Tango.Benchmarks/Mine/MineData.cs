using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Tango.Core;

namespace Tango.Benchmarks.Mine;

/// <summary>
/// The mining benchmark's files, streamed to disk so generating them needs no corpus-sized memory: a corpus of
/// unit vectors from 4,096 Gaussian clusters (centre ~ N(0, I), point = centre + N(0, I)), queries that are noisy
/// copies of their first positive (q = normalise(x_p + 0.05·N(0, I)), cosine ≈ 0.7 to it), and the judgements
/// (query row → corpus rows; every fifth query also has a second positive from the same cluster), as TSV of row
/// numbers.
/// </summary>
internal static class MineData
{
    private const int Clusters = 4096;

    public static int[][] Positives(int queries, int rows)
    {
        var rng = new Rng(99);
        var positives = new int[queries][];
        for (int q = 0; q < queries; q++)
        {
            int p = rng.NextInt(rows), second = (p + 1) % rows;
            while (ClusterOf(second) != ClusterOf(p) && second != p)
            {
                second = (second + 1) % rows;
            }

            positives[q] = q % 5 == 0 && second != p ? [p, second] : [p];
        }

        return positives;
    }

    // Row i's cluster: a fixed hash, so the judgements can name a second positive from the same cluster.
    private static int ClusterOf(int row)
    {
        ulong z = unchecked((ulong)row * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 29)) * 0xBF58476D1CE4E5B9UL);
        return (int)((z ^ (z >> 32)) % Clusters);
    }

    public static void Generate(string dir, int rows, int d, int queries)
    {
        Directory.CreateDirectory(dir);
        var centres = new float[Clusters * d];
        var crng = new Rng(7);
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = crng.NextNormal();
        }

        var rng = new Rng(1);
        var row = new float[d];
        var bytes = new byte[d * 4];
        using (var corpus = Open(Path.Combine(dir, "corpus.npy"), rows, d))
        {
            for (int i = 0; i < rows; i++)
            {
                int c = ClusterOf(i);
                for (int j = 0; j < d; j++)
                {
                    row[j] = centres[c * d + j] + rng.NextNormal();
                }

                Write(corpus, row, bytes);
            }
        }

        var positives = Positives(queries, rows);
        using var mapped = Tango.Core.IO.MappedFloatMatrix.Open(Path.Combine(dir, "corpus.npy"));
        var qrng = new Rng(2);
        using (var q = Open(Path.Combine(dir, "queries.npy"), queries, d))
        {
            for (int i = 0; i < queries; i++)
            {
                var x = mapped.GetRow(positives[i][0]);
                for (int j = 0; j < d; j++)
                {
                    row[j] = x[j] + 0.05f * qrng.NextNormal();
                }

                Write(q, row, bytes);
            }
        }

        var tsv = new StringBuilder("query\tdocument\n");
        for (int i = 0; i < queries; i++)
        {
            foreach (int p in positives[i])
            {
                tsv.Append(CultureInfo.InvariantCulture, $"{i}\t{p}\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "qrels.tsv"), tsv.ToString());
    }

    private static void Write(Stream s, float[] row, byte[] bytes)
    {
        TensorPrimitives.Multiply(row, 1f / TensorPrimitives.Norm(row), row);
        Buffer.BlockCopy(row, 0, bytes, 0, bytes.Length);
        s.Write(bytes);
    }

    // An .npy v1.0 header for a C-order little-endian float32 (rows, d) array, padded to 64 bytes.
    private static FileStream Open(string path, int rows, int d)
    {
        var s = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {d}), }}";
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict + new string(' ', total - 10 - dict.Length - 1) + "\n";
        s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        s.Write(BitConverter.GetBytes((ushort)header.Length));
        s.Write(Encoding.ASCII.GetBytes(header));
        return s;
    }
}
