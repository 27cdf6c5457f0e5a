using Tango.Core;
using Tango.Data.Sampling;

namespace Tango.Training.Tests;

/// <summary>
/// Synthetic labelled data for training tests: each class is a Gaussian blob around a random centre in a few
/// "signal" dimensions, buried in larger noise dimensions, so raw distances are poor and a learned map helps.
/// </summary>
internal static class Blobs
{
    public static (Tensor Features, int[] Labels) Make(ulong seed, int classes, int perClass, int dim,
        int signalDims = 4, float noise = 1.5f, int firstLabel = 0)
    {
        var rng = new Rng(seed);
        int n = classes * perClass;
        var x = new float[n * dim];
        var labels = new int[n];
        var centres = new float[classes * signalDims];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = 2f * rng.NextNormal();
        }

        for (int i = 0; i < n; i++)
        {
            int c = i % classes;
            labels[i] = firstLabel + c;
            for (int j = 0; j < dim; j++)
            {
                x[i * dim + j] = j < signalDims ? centres[c * signalDims + j] + 0.5f * rng.NextNormal()
                    : noise * rng.NextNormal();
            }
        }

        return (Tensor.FromArray(x, n, dim), labels);
    }
}

/// <summary>A shuffled-rows sampler whose batches depend only on its seed and the epoch.</summary>
internal sealed class ShuffleSampler(int rows, int batchSize, ulong seed) : IBatchSampler
{
    public int BatchesPerEpoch => rows / batchSize;

    public IEnumerable<int[]> Batches(int epoch)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new Rng(seed + (ulong)epoch * 7919).Shuffle(order.AsSpan());
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            yield return order[(b * batchSize)..((b + 1) * batchSize)];
        }
    }
}
