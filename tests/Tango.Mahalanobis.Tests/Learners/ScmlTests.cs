using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class ScmlTests
{
    // SCML samples minibatches (and k-means seeds) from its random stream, so only the objective and the CV
    // accuracies can match metric-learn. The objective of a Mahalanobis matrix over unit bases is
    // β·tr(M) + mean hinge, which lets metric-learn's M be scored on the same triplets.
    [Fact]
    public void Iris_ObjectiveIsAtLeastAsGoodAsMetricLearns()
    {
        var (x, y) = Datasets.Get("iris");
        var scml = new ScmlSupervised();
        scml.Fit(x, y);
        var reference = Reference.Run("iris", "SCML_Supervised");
        Assert.Equal(reference.Constraints.GetProperty("n_triplets").GetInt32(), scml.LastTriplets!.Count);
        double theirs = ScmlSolver.ObjectiveAt(Dense.Flatten(x), 4, scml.LastTriplets, Dense.Flatten(reference.Mahalanobis),
            1e-5);
        Assert.True(scml.Objective <= theirs * 1.05, $"objective {scml.Objective} vs metric-learn's {theirs}");
        Assert.Equal(scml.Objective,
            ScmlSolver.ObjectiveAt(Dense.Flatten(x), 4, scml.LastTriplets, scml.MahalanobisFlat(), 1e-5), 9);
        Assert.Equal(9999, scml.Iterations);
    }

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new ScmlSupervised(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "SCML_Supervised"));
    }

    [Fact]
    public void WeakScml_LearnsFromTriplets()
    {
        var (x, y) = Datasets.Get("iris");
        var triplets = Constraints.RandomTriplets(y, 600, 3);
        var scml = new Scml(maxIterations: 2000);
        scml.Fit(x, triplets);
        Check.SymmetricPsd(scml.MahalanobisMatrix);
        var decision = scml.DecisionFunction(x, triplets);
        var predict = scml.Predict(x, triplets);
        Assert.All(Enumerable.Range(0, triplets.Count), i => Assert.Equal(decision[i] > 0 ? 1 : -1, predict[i]));
        Assert.True(scml.Score(x, triplets) > 0.9, $"triplet accuracy {scml.Score(x, triplets)}");
    }

    [Fact]
    public void TooFewTripletsForTheBasis_Throws()
    {
        var (x, _) = Datasets.Get("iris");
        var ex = Assert.Throws<ArgumentException>(() => new Scml().Fit(x, new Triplets([0, 1], [2, 3], [100, 120])));
        Assert.Contains("at least as many triplets as features", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scml(outputIterations: 20000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scml(gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScmlSupervised(kGenuine: 0));
        var ex = Assert.Throws<ArgumentException>(() =>
            new ScmlSupervised(basisMatrix: new double[3, 5]).Fit(Datasets.Iris.Features, Datasets.Iris.Labels));
        Assert.Contains("expected (bases, 4)", ex.Message, StringComparison.Ordinal);
    }
}
