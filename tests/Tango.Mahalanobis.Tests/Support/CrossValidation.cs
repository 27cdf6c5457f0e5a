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
