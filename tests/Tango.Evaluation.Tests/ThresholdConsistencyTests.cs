using Tango.Core;
using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class ThresholdConsistencyTests
{
    private static (Tensor X, int[] Labels) Clustered(ulong seed, int classes, int perClass, float spread)
    {
        var rng = new Rng(seed);
        int n = classes * perClass, d = 8;
        var centres = SeededCases.Normal(seed + 1, classes, d).ToArray();
        var x = new float[n * d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++)
            {
                // Class c gets its own spread, so the classes' utility curves differ.
                x[i * d + j] = 2 * centres[labels[i] * d + j] + spread * (1 + labels[i]) * rng.NextNormal();
            }
        }

        return (Tensor.FromArray(x, n, d), labels);
    }

    [Fact]
    public void MatchesANaiveDefinition_OnAnExplicitRange()
    {
        var (x, labels) = Clustered(1, 5, 12, 0.4f);
        var report = ThresholdConsistency.OpisOverThresholds(x, labels, -0.2, 0.9, 23);
        Tolerance.Close(NaiveOpis(x, labels, report.Thresholds.ToArray()), report.Opis, 1e-9, 1e-12, "OPIS");
        Assert.Equal([0, 1, 2, 3, 4], report.Classes);
        Assert.Equal(23, report.Utilities[0].Count);
        Assert.True(report.Opis > 0);
    }

    [Fact]
    public void PerfectlyConsistentSpace_ScoresZero()
    {
        // Far-apart identical-spread classes: at any threshold between the intra- and inter-class similarities
        // every class has F1 = 1.
        var (x, labels) = Clustered(2, 4, 10, 0.0001f);
        var report = ThresholdConsistency.OpisOverThresholds(x, labels, 0.99, 0.999, 5);
        Assert.Equal(0, report.Opis, 12);
        Assert.All(report.Utilities, u => Assert.All(u, v => Assert.Equal(1.0, v, 12)));
    }

    [Fact]
    public void FarRange_PicksThresholdsAtThoseFalseAcceptRates()
    {
        var (x, labels) = Clustered(3, 6, 15, 0.5f);
        var report = ThresholdConsistency.Opis(x, labels, farLow: 0.01, farHigh: 0.2, steps: 10);
        var z = x.ToArray();
        var negatives = new List<double>();
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = i + 1; j < labels.Length; j++)
            {
                if (labels[i] != labels[j])
                {
                    negatives.Add(Cosine(z, i, j, 8));
                }
            }
        }

        double FarAt(double t) => negatives.Count(s => s >= t) / (double)negatives.Count;
        Assert.InRange(FarAt(report.Thresholds[^1]), 0.0, 0.01 + 1e-3);
        Assert.InRange(FarAt(report.Thresholds[0]), 0.2 - 1e-2, 0.2 + 1e-2);
        Tolerance.Close(NaiveOpis(x, labels, report.Thresholds.ToArray()), report.Opis, 1e-9, 1e-12, "OPIS");
    }

    [Fact]
    public void BadInput_Throws()
    {
        var (x, labels) = Clustered(4, 3, 4, 0.5f);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdConsistency.Opis(x, labels, 0.5, 0.1));
        Assert.Throws<ArgumentException>(() => ThresholdConsistency.Opis(x, new int[12]));
        Assert.Throws<ArgumentException>(() => ThresholdConsistency.Opis(x, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ThresholdConsistency.Opis(x, labels, similarity: SimilarityFunction.Manhattan));
    }

    // Straight from the definition: per threshold, per class F1 over its pairs; mean over thresholds of the
    // population variance over classes.
    private static double NaiveOpis(Tensor x, int[] labels, double[] thresholds)
    {
        var z = x.ToArray();
        int n = labels.Length, d = x.Dim(1);
        var classes = labels.Distinct().Order().ToArray();
        double total = 0;
        foreach (double t in thresholds)
        {
            var utilities = new List<double>();
            foreach (int c in classes)
            {
                double tp = 0, fp = 0, fn = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = i + 1; j < n; j++)
                    {
                        bool inI = labels[i] == c, inJ = labels[j] == c;
                        bool accepted = (double)(float)Cosine(z, i, j, d) >= t;
                        if (inI && inJ)
                        {
                            (tp, fn) = accepted ? (tp + 1, fn) : (tp, fn + 1);
                        }
                        else if (inI || inJ)
                        {
                            fp += accepted ? 1 : 0;
                        }
                    }
                }

                utilities.Add(2 * tp / (2 * tp + fp + fn));
            }

            double mean = utilities.Average();
            total += utilities.Average(u => (u - mean) * (u - mean));
        }

        return total / thresholds.Length;
    }

    private static double Cosine(float[] z, int i, int j, int d)
    {
        double dot = 0, a = 0, b = 0;
        for (int k = 0; k < d; k++)
        {
            dot += z[i * d + k] * z[j * d + k];
            a += z[i * d + k] * z[i * d + k];
            b += z[j * d + k] * z[j * d + k];
        }

        return dot / Math.Sqrt(a * b);
    }
}
