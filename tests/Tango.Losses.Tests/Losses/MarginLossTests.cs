using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class MarginLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("MarginLoss");
        var loss = new MarginLoss((float)c.Kwarg("margin"), (float)c.Kwarg("nu"), (float)c.Kwarg("beta"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesPmlWithLearnedBetaPerClass()
    {
        var c = ReferenceCase.Load("MarginLoss_learn_beta_per_class");
        var loss = new MarginLoss((float)c.Kwarg("margin"), (float)c.Kwarg("nu"), (float)c.Kwarg("beta"),
            learnBeta: true, classCount: (int)c.Kwarg("num_classes"));
        loss.LoadParameter("beta", c.ParamValues("beta"));
        ReferenceRunner.Check(c, loss);
        ReferenceAssert.Gradient(c, c.GradParams64["beta"], loss.Parameter("beta").Grad!.ToArray(), "grad beta");
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    public static TheoryData<bool, int?, int> FusedCases => new()
    {
        { false, null, 0 }, { true, null, 1 }, { true, 4, 2 }, { true, 4, 3 },
    };

    // The fused streaming path (Compute) must equal reducing the materialised sub-losses, for value and gradients.
    [Theory]
    [MemberData(nameof(FusedCases))]
    public void FusedPathEqualsMaterialisedPath(bool learn, int? classes, int variant)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 3, 0];
        Distance dist = variant == 3 ? new CosineSimilarity() : new LpDistance();
        IndexTuples? tuples = variant == 2 ? TripletIndices.AllFrom(labels).ToPairs() : null;
        var (fused, gradX1, gradB1) = Run(learn, classes, dist, labels, tuples, materialised: false);
        var (reference, gradX2, gradB2) = Run(learn, classes, dist, labels, tuples, materialised: true);
        Tolerance.Close(reference, fused, rtol: 1e-5, atol: 1e-7);
        Tolerance.Close(gradX2, gradX1, rtol: 1e-4, atol: 1e-6, what: "embedding gradient");
        if (learn)
        {
            Tolerance.Close(gradB2!, gradB1!, rtol: 1e-4, atol: 1e-6, what: "beta gradient");
        }
    }

    private static (float, float[], float[]?) Run(bool learn, int? classes, Distance dist, int[] labels,
        IndexTuples? tuples, bool materialised)
    {
        var loss = new MarginLoss(margin: 0.3f, nu: 0.2f, beta: 0.9f, learnBeta: learn, classCount: classes,
            distance: dist);
        var x = SeededCases.Normal(17, 12, 5);
        x.RequiresGrad = true;
        Tensor value;
        if (materialised)
        {
            var context = new ReductionContext(x, labels, 12);
            var terms = loss.ComputeUnreduced(x, labels, tuples);
            value = loss.Reducer.Reduce(terms[0], context).Add(loss.Reducer.Reduce(terms[1], context));
        }
        else
        {
            value = loss.Compute(x, labels, tuples);
            Assert.Equal("MarginLossStream", value.GradFnName);
        }

        value.Backward();
        return (value.Item(), x.Grad!.ToArray(), learn ? loss.Parameter("beta").Grad!.ToArray() : null);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        var loss = new MarginLoss(margin: 0.3f, beta: 0.8f, learnBeta: true, nu: 0.1f, classCount: 3);
        loss.LoadParameter("beta", [0.7f, 0.9f, 1.1f]);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 9, 4), loss.Parameter("beta")],
            eps: 1e-3f);
    }
}
