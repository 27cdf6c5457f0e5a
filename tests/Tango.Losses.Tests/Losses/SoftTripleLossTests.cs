using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SoftTripleLossTests
{
    [Theory]
    [InlineData("SoftTripleLoss")]
    [InlineData("SoftTripleLoss_SparseCentersRegularizer")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        int classes = c.Int("num_classes"), k = c.Int("centers_per_class");
        bool regularized = name.EndsWith("Regularizer", StringComparison.Ordinal);
        var loss = new SoftTripleLoss(classes, c.Int("embedding_size"), k, c.Float("la"), c.Float("gamma"),
            c.Float("margin"),
            reducer: regularized
                ? new MultipleReducers(new Dictionary<string, Reducer>
                {
                    ["loss"] = new MeanReducer(), ["weight_reg_loss"] = new MeanReducer(),
                })
                : null,
            weightRegularizer: regularized ? new SparseCentersRegularizer(classes, k) : null,
            weightRegularizerWeight: c.Float("weight_reg_weight"));
        ParametricReference.Check(c, loss);
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(7, 6, 4);
        int[] labels = [0, 1, 0, 1, 1, 0];
        var loss = new SoftTripleLoss(2, 4, centersPerClass: 3, la: 5f, gamma: 0.5f, margin: 0.2f, rng: new Rng(3));
        var rows = NaiveClassifier.Rows(x);
        var centres = NaiveClassifier.Columns(loss.Fc);
        double total = 0;
        for (int i = 0; i < 6; i++)
        {
            var z = new double[2];
            for (int cls = 0; cls < 2; cls++)
            {
                var s = Enumerable.Range(0, 3)
                    .Select(k => NaiveClassifier.Cosine(rows[i], centres[cls * 3 + k])).ToArray();
                var e = s.Select(v => Math.Exp(v / 0.5)).ToArray();
                double relaxed = s.Zip(e, (v, w) => v * w).Sum() / e.Sum();
                z[cls] = 5 * (relaxed - (cls == labels[i] ? 0.2 : 0));
            }

            total += NaiveClassifier.CrossEntropy(z, labels[i]);
        }

        Tolerance.Close(total / 6, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        Distance dist = distance == 0 ? new CosineSimilarity() : new DotProductSimilarity(normalizeEmbeddings: false);
        var loss = new SoftTripleLoss(3, 4, centersPerClass: 3, la: 4f, distance: dist, rng: new Rng(8));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(2, 8, 4), loss.Fc], eps: 1e-3f);
    }

    [Fact]
    public void RejectsADistance()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SoftTripleLoss(3, 4, distance: new LpDistance()));
        Assert.Contains("similarity", ex.Message, StringComparison.Ordinal);
    }
}
