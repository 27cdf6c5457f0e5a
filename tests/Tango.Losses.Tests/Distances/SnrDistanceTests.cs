using Tango.Losses.Distances;

namespace Tango.Losses.Tests.Distances;

public class SnrDistanceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientMatchesFiniteDifferences(bool normalize)
    {
        var d = new SnrDistance(normalize);
        GradCheck.Check(t => d.Matrix(t[0], t[1]), [SeededCases.Normal(1, 5, 6), SeededCases.Normal(2, 4, 6)],
            eps: 1e-3f);
        GradCheck.Check(t => d.Pairwise(t[0], t[1]), [SeededCases.Normal(3, 5, 6), SeededCases.Normal(4, 5, 6)],
            eps: 1e-3f);
    }

    [Fact]
    public void EqualsVarianceRatio()
    {
        var q = SeededCases.Normal(5, 3, 8);
        var r = SeededCases.Normal(6, 4, 8);
        var m = new SnrDistance(normalizeEmbeddings: false).Matrix(q, r);
        var qs = q.ToArray();
        var rs = r.ToArray();
        for (int i = 0; i < 3; i++)
        {
            var a = qs.AsSpan(i * 8, 8).ToArray();
            for (int j = 0; j < 4; j++)
            {
                var diff = a.Zip(rs.AsSpan(j * 8, 8).ToArray(), (x, y) => (double)y - x).ToArray();
                Tolerance.Close(Var(diff) / Var([.. a.Select(v => (double)v)]), m[i, j], rtol: 1e-5);
            }
        }
    }

    private static double Var(double[] v)
    {
        double mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
    }
}
