using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class GraphicalLassoTests
{
    // scikit-learn 1.2.1's graphical_lasso (bench/compare/covariance_reference.py), three sizes and scales.
    [Fact]
    public void MatchesScikitLearn()
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn", "covariance.json"))).RootElement;
        foreach (var c in json.GetProperty("graphical_lasso").EnumerateArray())
        {
            int p = c.GetProperty("p").GetInt32();
            var s = Dense.Flatten(Reference.Matrix(c.GetProperty("S")));
            var s0 = Dense.Flatten(Reference.Matrix(c.GetProperty("S0")));
            var expected = Dense.Flatten(Reference.Matrix(c.GetProperty("precision")));
            var theta = GraphicalLasso.Fit(s, s0, p, 0.01);
            double scale = expected.Max(Math.Abs);
            for (int i = 0; i < theta.Length; i++)
            {
                Assert.Equal(expected[i], theta[i], 1e-10 * scale);
            }
        }
    }

    [Fact]
    public void LedoitWolf_MatchesScikitLearn()
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn", "covariance.json"))).RootElement;
        foreach (var c in json.GetProperty("ledoit_wolf").EnumerateArray())
        {
            var x = Reference.Matrix(c.GetProperty("X"));
            int n = x.GetLength(0), d = x.GetLength(1);
            var flat = Dense.Flatten(x);
            var s = Dense.TransposeMatMul(flat, n, d, flat, d);
            for (int i = 0; i < s.Length; i++)
            {
                s[i] /= n;
            }

            Assert.Equal(c.GetProperty("shrinkage").GetDouble(), LedoitWolf.Intensity(flat, n, d, s), 12);
        }
    }
}
