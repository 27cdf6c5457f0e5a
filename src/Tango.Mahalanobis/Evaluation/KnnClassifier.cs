using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// k-nearest-neighbour classification accuracy and stratified folds, the evaluation metric-learn's reference and
/// <c>tango fit</c> report (scikit-learn's brute-force <c>KNeighborsClassifier</c> with uniform weights).
/// Neighbours are by Euclidean distance with ties broken by the lower training index; a tied vote goes to the
/// smallest label.
/// </summary>
public static class KnnClassifier
{
    /// <summary>Fraction of test rows whose k-NN majority label (over the training rows) is their label.</summary>
    public static double Accuracy(double[,] train, int[] trainLabels, double[,] test, int[] testLabels, int k)
    {
        var tr = Input.Features(train, nameof(KnnClassifier), 1, nameof(train));
        var te = Input.Features(test, nameof(KnnClassifier), 1, nameof(test));
        Input.Labels(trainLabels, train.GetLength(0), nameof(KnnClassifier), nameof(trainLabels));
        Input.Labels(testLabels, test.GetLength(0), nameof(KnnClassifier), nameof(testLabels));
        if (train.GetLength(1) != test.GetLength(1))
        {
            throw new ArgumentException(
                $"KnnClassifier: train has {train.GetLength(1)} columns but test has {test.GetLength(1)}.");
        }

        return Accuracy(tr, trainLabels, te, testLabels, train.GetLength(1), k);
    }

    // train: (m, d), test: (t, d)
    internal static double Accuracy(double[] train, int[] trainLabels, double[] test, int[] testLabels, int d, int k)
    {
        int m = trainLabels.Length, t = testLabels.Length;
        if (k < 1 || k > m)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"KnnClassifier: k = {k} must be in [1, {m}].");
        }

        int correct = 0;
        var dist = new (double Dist, int Index)[m];
        var votes = new Dictionary<int, int>();
        for (int q = 0; q < t; q++)
        {
            var row = test.AsSpan(q * d, d);
            for (int j = 0; j < m; j++)
            {
                var other = train.AsSpan(j * d, d);
                double s = 0;
                for (int c = 0; c < d; c++)
                {
                    double diff = row[c] - other[c];
                    s += diff * diff;
                }

                dist[j] = (s, j);
            }

            Array.Sort(dist, (a, b) => a.Dist != b.Dist ? a.Dist.CompareTo(b.Dist) : a.Index.CompareTo(b.Index));
            votes.Clear();
            for (int j = 0; j < k; j++)
            {
                int label = trainLabels[dist[j].Index];
                votes[label] = votes.GetValueOrDefault(label) + 1;
            }

            int best = votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key;
            correct += best == testLabels[q] ? 1 : 0;
        }

        return t == 0 ? double.NaN : (double)correct / t;
    }

    /// <summary>
    /// Test-row indices of <paramref name="folds"/> stratified folds: each class's rows are shuffled with the seed
    /// and dealt round-robin, so every fold holds about the same share of each class.
    /// </summary>
    public static int[][] StratifiedFolds(int[] labels, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (folds < 2 || folds > labels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(folds),
                $"KnnClassifier: folds = {folds} must be in [2, {labels.Length}] (the number of rows).");
        }

        var rng = new Tango.Core.Rng(seed);
        var result = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members.AsSpan());
            foreach (int i in members)
            {
                result[next].Add(i);
                next = (next + 1) % folds;
            }
        }

        return result.Select(f => f.Order().ToArray()).ToArray();
    }
}
