using System.Diagnostics;
using System.Globalization;
using Tango.Core;
using Tango.Evaluation;

namespace Tango.Benchmarks.Knn;

/// <summary>
/// AccuracyCalculator on 50,000 × 128 embeddings of 100 classes (500 each; k = max bin count = 499, every
/// metric including NMI/AMI with a 100-cluster k-means), reference = query. Prints one line with the seconds.
/// </summary>
internal static class AccuracyBench
{
    public static void Run(string[] args)
    {
        const int n = 50_000, d = 128, classes = 100;
        var rng = new Rng(3);
        var centres = Tensor.RandomNormal(rng, classes, d).ToArray();
        var x = new float[n * d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++)
            {
                x[i * d + j] = 0.3f * centres[labels[i] * d + j] + rng.NextNormal();
            }
        }

        var embeddings = Tensor.FromArray(x, n, d);
        var watch = Stopwatch.StartNew();
        var report = new AccuracyCalculator().Compute(embeddings, labels);
        double seconds = watch.Elapsed.TotalSeconds;
        _ = args;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"text\": \"AccuracyCalculator, 50,000 x 128, 100 classes, k = {report.K}, all metrics: " +
            $"{seconds:F1} s (P@1 {report.PrecisionAt1:F3}, MAP@R {report.MeanAveragePrecisionAtR:F3}, " +
            $"NMI {report.Nmi:F3})\"}}"));
    }
}
