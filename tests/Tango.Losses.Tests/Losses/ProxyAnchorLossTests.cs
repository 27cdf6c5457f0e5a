using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ProxyAnchorLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("ProxyAnchorLoss");
        ParametricReference.Check(c,
            new ProxyAnchorLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("margin"), c.Float("alpha")));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        // Class 3 has no member: its positive term is 0 and it is left out of the positive divisor.
        var x = SeededCases.Normal(2, 8, 5);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 0];
        var loss = new ProxyAnchorLoss(4, 5, margin: 0.2f, alpha: 4f, rng: new Rng(6));
        var rows = NaiveClassifier.Rows(x);
        var proxies = NaiveClassifier.Rows(loss.Proxies);
        double pos = 0, neg = 0;
        for (int c = 0; c < 4; c++)
        {
            double sp = 0, sn = 0;
            for (int i = 0; i < 8; i++)
            {
                double s = NaiveClassifier.Cosine(rows[i], proxies[c]);
                sp += labels[i] == c ? Math.Exp(4 * (0.2 - s)) : 0;
                sn += labels[i] != c ? Math.Exp(4 * (s + 0.2)) : 0;
            }

            pos += Math.Log(1 + sp);
            neg += Math.Log(1 + sn);
        }

        Tolerance.Close(pos / 3 + neg / 4, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        Distance dist = distance switch
        {
            0 => new CosineSimilarity(),
            1 => new LpDistance(),
            _ => new DotProductSimilarity(normalizeEmbeddings: false),
        };
        var loss = new ProxyAnchorLoss(4, 5, alpha: 4f, distance: dist, rng: new Rng(2));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(1, 8, 5), loss.Proxies], eps: 1e-3f);
    }

    [Fact]
    public void MinerWeightsShiftTheExponents()
    {
        // PML adds (w_i − 1) to every exponent of element i; an element absent from the tuples gets −1.
        var x = SeededCases.Normal(3, 6, 4);
        int[] labels = [0, 0, 1, 1, 2, 2];
        var loss = new ProxyAnchorLoss(3, 4, alpha: 2f, reducer: new SumReducer(), rng: new Rng(5));
        var tuples = new PairIndices([0], [1], [0, 0], [2, 4]);
        float[] w = [1f, 1f / 3, 1f / 3, 0f, 1f / 3, 0f];
        var rows = NaiveClassifier.Rows(x);
        var proxies = NaiveClassifier.Rows(loss.Proxies);
        double expected = 0;
        for (int c = 0; c < 3; c++)
        {
            double sp = 0, sn = 0;
            for (int i = 0; i < 6; i++)
            {
                double s = NaiveClassifier.Cosine(rows[i], proxies[c]);
                sp += labels[i] == c ? Math.Exp(2 * (0.1 - s) + w[i] - 1) : 0;
                sn += labels[i] != c ? Math.Exp(2 * (s + 0.1) + w[i] - 1) : 0;
            }

            expected += Math.Log(1 + sp) + Math.Log(1 + sn);
        }

        Tolerance.Close(expected, loss.Compute(x, labels, tuples).Item(), rtol: 1e-5);
    }
}
