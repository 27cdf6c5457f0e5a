using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ArcFaceLossTests
{
    public static TheoryData<string> Cases =>
        new() { "ArcFaceLoss", "ArcFaceLoss_m0.5rad_s30", "ArcFaceLoss_RegularFaceRegularizer" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        var loss = name == "ArcFaceLoss_RegularFaceRegularizer"
            ? new ArcFaceLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("margin"), c.Float("scale"),
                reducer: new MultipleReducers(new Dictionary<string, Reducer>
                {
                    ["loss"] = new MeanReducer(), ["weight_reg_loss"] = new MeanReducer(),
                }),
                weightRegularizer: new RegularFaceRegularizer(), weightRegularizerWeight: c.Float("weight_reg_weight"))
            : new ArcFaceLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("margin"), c.Float("scale"));
        ParametricReference.Check(c, loss);
    }

    // Margin 28.6° keeps every target on cos(θ + m); 120° sends most of them (θ > 60°) to the fallback branch.
    [Theory]
    [InlineData(28.6f)]
    [InlineData(120f)]
    public void MatchesNaiveLoop(float margin)
    {
        var x = SeededCases.Normal(3, 10, 6);
        int[] labels = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1];
        var loss = new ArcFaceLoss(4, 6, margin, scale: 8f, rng: new Rng(5));
        double m = margin * Math.PI / 180;
        double expected = NaiveClassifier.MarginSoftmax(x, loss.W, labels,
            c => Math.Acos(c) <= Math.PI - m ? Math.Cos(Math.Acos(c) + m) : c - m * Math.Sin(m), (_, _) => 8);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(28.6f)]
    [InlineData(120f)]
    public void GradientMatchesFiniteDifferences(float margin)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 2];
        var loss = new ArcFaceLoss(3, 5, margin, scale: 4f, rng: new Rng(2));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(4, 8, 5), loss.W], eps: 1e-3f);
    }

    [Fact]
    public void TargetAtTheClampedLimitHasAFiniteGradient()
    {
        // An embedding exactly along its class weight: cos = 1, where d cos(θ + m)/dc is infinite.
        var loss = new ArcFaceLoss(2, 3, rng: new Rng(1));
        loss.LoadParameter("W", [1f, 0f, 0f, 1f, 0f, 0f]);
        var x = Tensor.FromArray([2f, 0f, 0f, 0f, 3f, 0f], 2, 3);
        x.RequiresGrad = true;
        var value = loss.Compute(x, [0, 1]);
        value.Backward();
        Assert.True(float.IsFinite(value.Item()));
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        Assert.All(loss.W.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArcFaceLoss(4, 8, marginDegrees: 180f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArcFaceLoss(0, 8));
        var ex = Assert.Throws<ArgumentException>(() => new ArcFaceLoss(4, 8, distance: new LpDistance()));
        Assert.Contains("CosineSimilarity", ex.Message, StringComparison.Ordinal);
    }
}
