using Tango.Losses.Contrastive;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class MannWhitneyLossTests
{
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3];

    // Per anchor: (1/(P·N))·Σ_p Σ_n ℓ(s_p − s_n), mean over anchors with a positive and a negative.
    private static double Expected(double[,] s, int[] labels, Func<double, double> surrogate)
    {
        var losses = new List<double>();
        for (int a = 0; a < labels.Length; a++)
        {
            var (pos, neg) = Naive.Split(labels, a);
            if (pos.Length > 0 && neg.Length > 0)
            {
                losses.Add(pos.SelectMany(p => neg.Select(n => surrogate(s[a, p] - s[a, n]))).Average());
            }
        }

        return losses.Average();
    }

    [Fact]
    public void MatchesTheSigmoidSurrogate()
    {
        var x = SeededCases.Normal(61, 10, 4);
        double expected = Expected(NaiveDistances.Dot(x, true), Labels, u => Naive.Sigmoid(-u / 0.1));
        Tolerance.Close(expected, new MannWhitneyLoss().Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    public void MatchesYanEtAlsPolynomialSurrogate(float exponent)
    {
        var x = SeededCases.Normal(62, 10, 4);
        double expected = Expected(NaiveDistances.Dot(x, true), Labels,
            u => Math.Pow(Math.Max(0, 0.5 - u), exponent));
        var loss = new MannWhitneyLoss(MannWhitneySurrogate.Polynomial, gamma: 0.5f, exponent: exponent);
        Tolerance.Close(expected, loss.Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void ScoresDistancesByTheirNegation()
    {
        var x = SeededCases.Normal(63, 10, 4);
        var d = NaiveDistances.Euclidean(x, true);
        var s = new double[10, 10];
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                s[i, j] = -d[i, j];
            }
        }

        double expected = Expected(s, Labels, u => Naive.Sigmoid(-u / 0.2));
        Tolerance.Close(expected, new MannWhitneyLoss(temperature: 0.2f, distance: new LpDistance())
            .Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void QueriesAgainstACorpus()
    {
        var q = SeededCases.Normal(64, 3, 4);
        var corpus = SeededCases.Normal(65, 7, 4);
        int[] qLabels = [0, 1, 2];
        int[] cLabels = [0, 0, 1, 2, 2, 2, 3];
        var s = NaiveDistances.Dot(q, true, corpus);
        var losses = Enumerable.Range(0, 3).Select(a =>
        {
            var pos = Enumerable.Range(0, 7).Where(j => cLabels[j] == qLabels[a]);
            var neg = Enumerable.Range(0, 7).Where(j => cLabels[j] != qLabels[a]).ToArray();
            return pos.SelectMany(p => neg.Select(n => Naive.Sigmoid((s[a, n] - s[a, p]) / 0.1))).Average();
        });
        Tolerance.Close(losses.Average(),
            new MannWhitneyLoss().Compute(q, qLabels, refEmbeddings: corpus, refLabels: cLabels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int variant)
    {
        var loss = variant switch
        {
            0 => new MannWhitneyLoss(temperature: 0.5f),
            1 => new MannWhitneyLoss(MannWhitneySurrogate.Polynomial, gamma: 2.5f, exponent: 3f),
            _ => new MannWhitneyLoss(temperature: 0.5f, distance: new LpDistance()),
        };
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(66, 10, 4)], eps: 1e-3f);
    }
}
