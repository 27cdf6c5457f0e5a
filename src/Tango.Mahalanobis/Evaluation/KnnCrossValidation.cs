namespace Tango.Mahalanobis;

/// <summary>
/// Cross-validated k-NN accuracy with and without a learned metric, on given folds: for each fold the learner is
/// fitted on the other rows only, both sides are transformed with it, and <see cref="KnnClassifier"/> scores the
/// fold (the protocol of metric-learn's reference runs and of <c>tango fit</c>).
/// </summary>
public static class KnnCrossValidation
{
    /// <summary>
    /// Mean accuracy over <paramref name="folds"/> (test-row indices) for each k in <paramref name="ks"/>; with no
    /// <paramref name="learner"/> factory the features are used as they are (Euclidean k-NN).
    /// </summary>
    public static double[] Run(Func<SupervisedMahalanobisLearner>? learner, double[,] x, int[] labels, int[][] folds,
        params int[] ks)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(ks);
        if (folds.Length == 0 || labels.Length != x.GetLength(0))
        {
            throw new ArgumentException(
                $"KnnCrossValidation: need at least one fold and one label per row ({x.GetLength(0)} rows, " +
                $"{labels.Length} labels).");
        }

        var sums = new double[ks.Length];
        foreach (var test in folds)
        {
            var inTest = new bool[labels.Length];
            foreach (int i in test)
            {
                inTest[i] = true;
            }

            var train = Enumerable.Range(0, labels.Length).Where(i => !inTest[i]).ToArray();
            var (xTrain, xTest) = (Rows(x, train), Rows(x, test));
            var (yTrain, yTest) = (train.Select(i => labels[i]).ToArray(), test.Select(i => labels[i]).ToArray());
            if (learner is not null)
            {
                var fitted = learner();
                fitted.Fit(xTrain, yTrain);
                (xTrain, xTest) = (fitted.Transform(xTrain), fitted.Transform(xTest));
            }

            for (int j = 0; j < ks.Length; j++)
            {
                sums[j] += KnnClassifier.Accuracy(xTrain, yTrain, xTest, yTest, ks[j]);
            }
        }

        return sums.Select(s => s / folds.Length).ToArray();
    }

    private static double[,] Rows(double[,] x, int[] rows)
    {
        int d = x.GetLength(1);
        var r = new double[rows.Length, d];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = x[rows[i], j];
            }
        }

        return r;
    }
}
