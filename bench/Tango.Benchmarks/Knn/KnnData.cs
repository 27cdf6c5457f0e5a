using Tango.Core;
using Tango.Core.IO;

namespace Tango.Benchmarks.Knn;

/// <summary>
/// The benchmark's vectors, written once as .npy for both sides: a mixture of 2,000 Gaussian clusters in 128-D
/// (centres ~ N(0, I), points = centre + N(0, I)), each vector L2-normalised so inner product ranks like cosine,
/// as for text or image embeddings. Seeded: the same files on every machine.
/// </summary>
internal static class KnnData
{
    public const int Dimension = 128;
    private const int Clusters = 2000;

    /// <summary>Writes (if absent) and returns the path of n vectors drawn with <paramref name="seed"/>.</summary>
    public static string Ensure(string dir, string name, int n, ulong seed)
    {
        string path = Path.Combine(dir, $"{name}_{n}_seed{seed}.npy");
        if (File.Exists(path))
        {
            return path;
        }

        var centres = new Rng(7).Let(r => Normal(r, Clusters * Dimension));
        var rng = new Rng(seed);
        var x = new float[(long)n * Dimension];
        for (int i = 0; i < n; i++)
        {
            int c = rng.NextInt(Clusters);
            var row = x.AsSpan(i * Dimension, Dimension);
            double norm = 0;
            for (int j = 0; j < Dimension; j++)
            {
                row[j] = centres[c * Dimension + j] + rng.NextNormal();
                norm += row[j] * row[j];
            }

            System.Numerics.Tensors.TensorPrimitives.Multiply(row, (float)(1 / Math.Sqrt(norm)), row);
        }

        Npy.Write(path, x, n, Dimension);
        return path;
    }

    private static float[] Normal(Rng rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextNormal();
        }

        return x;
    }

    private static T Let<T>(this Rng rng, Func<Rng, T> f) => f(rng);
}
