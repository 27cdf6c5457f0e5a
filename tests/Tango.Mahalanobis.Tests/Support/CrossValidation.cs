namespace Tango.Mahalanobis.Tests;

/// <summary>1-NN and 3-NN accuracy in a learner's space over the reference's fixed folds.</summary>
internal static class CrossValidation
{
    public static (double Knn1, double Knn3) Run(Func<MahalanobisLearner> make, double[,] x, int[] y, int[][] folds)
    {
        double s1 = 0, s3 = 0;
        foreach (var test in folds)
        {
            var testSet = test.ToHashSet();
            var train = Enumerable.Range(0, y.Length).Where(i => !testSet.Contains(i)).ToArray();
            var (xTrain, yTrain) = (Rows(x, train), train.Select(i => y[i]).ToArray());
            var (xTest, yTest) = (Rows(x, test), test.Select(i => y[i]).ToArray());
            var learner = make();
            ((SupervisedMahalanobisLearner)learner).Fit(xTrain, yTrain);
            var (zTrain, zTest) = (learner.Transform(xTrain), learner.Transform(xTest));
            s1 += KnnClassifier.Accuracy(zTrain, yTrain, zTest, yTest, 1);
            s3 += KnnClassifier.Accuracy(zTrain, yTrain, zTest, yTest, 3);
        }

        return (s1 / folds.Length, s3 / folds.Length);
    }

    /// <summary>
    /// CV accuracies against metric-learn's: within ±tolerance, or, for learners whose random constraints come from
    /// a different generator than numpy's, not worse by more than <paramref name="tolerance"/> and not better by
    /// more than <paramref name="better"/> (one iris test point is 0.0067).
    /// </summary>
    public static void AssertClose((double K1, double K3) actual, Reference reference, double tolerance = 0.01,
        double? better = null)
    {
        double up = better ?? tolerance;
        Assert.True(actual.K1 >= reference.Cv1Nn - tolerance - 1e-9 && actual.K1 <= reference.Cv1Nn + up + 1e-9,
            $"1-NN {actual.K1:F4} vs metric-learn {reference.Cv1Nn:F4}");
        Assert.True(actual.K3 >= reference.Cv3Nn - tolerance - 1e-9 && actual.K3 <= reference.Cv3Nn + up + 1e-9,
            $"3-NN {actual.K3:F4} vs metric-learn {reference.Cv3Nn:F4}");
    }

    public static double[,] Rows(double[,] x, int[] rows)
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
