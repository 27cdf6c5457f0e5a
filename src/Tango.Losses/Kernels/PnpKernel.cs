using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// PNP loss (Li et al. 2022; PML's <c>PNPLoss</c>) over a self-similarity matrix. For a query i with another
/// member of its class, every j of its class (i itself included) gets the soft count of negatives ranked above it,
/// r_ij = Σ_{k∉class(i)} σ((s_ik − s_ij)/τ) (the exponent clamped to ±50 as in PML, with no gradient where it is
/// clamped), and the query's loss is mean_j f(r_ij); L = mean over such queries (Dq: 1 − that). PML builds an
/// (n, n, n) tensor; this walks positives × negatives per query, O(n³/classes) time and O(n²) memory.
/// Backward: ∂σ/∂s_ik = σ(1 − σ)/τ = −∂σ/∂s_ij.
/// </summary>
internal static class PnpKernel
{
    public readonly record struct Rule(PnpVariant Variant, float B, float Alpha, float Anneal)
    {
        public double F(double r) => Variant switch
        {
            PnpVariant.Ds => Math.Log(1 + r),
            PnpVariant.Dq => Math.Pow(1 + r, -Alpha),
            PnpVariant.Iu => (1 + r) * Math.Log(1 + r),
            PnpVariant.Ib => (B * r - Math.Log(1 + B * r)) / (B * B),
            _ => r,
        };

        public double Slope(double r) => Variant switch
        {
            PnpVariant.Ds => 1 / (1 + r),
            PnpVariant.Dq => -Alpha * Math.Pow(1 + r, -Alpha - 1),
            PnpVariant.Iu => Math.Log(1 + r) + 1,
            PnpVariant.Ib => r / (1 + B * r),
            _ => 1,
        };
    }

    // mat: (n, n); queries: rows with a positive; groups: positives (self excluded) and negatives per row -> ()
    public static Tensor Forward(Tensor mat, int[] queries, LabelGroups groups, Rule rule)
    {
        int n = mat.Dim(0);
        var v = mat.Buffer;
        var perQuery = new double[queries.Length];
        Parallel.For(0, queries.Length, q =>
        {
            int i = queries[q];
            double sum = 0;
            var positives = groups.Positives(i);
            for (int t = -1; t < positives.Length; t++)
            {
                sum += rule.F(Count(v, n, i, t < 0 ? i : positives[t], groups.Negatives(i), rule.Anneal));
            }

            perQuery[q] = sum / (positives.Length + 1);
        });
        double mean = perQuery.Sum() / queries.Length;
        var y = Tensor.Scalar((float)(rule.Variant == PnpVariant.Dq ? 1 - mean : mean));
        return y.Record("Pnp", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var dv = d.Buffer;
            double c = g.Item() / queries.Length * (rule.Variant == PnpVariant.Dq ? -1 : 1);
            Parallel.For(0, queries.Length, q => Backward(v, dv, n, queries[q], groups, rule, c));
            mat.AccumulateGrad(d);
        });
    }

    // r_ij = Σ_k σ((s_ik − s_ij)/τ), in PML's form 1 / (1 + exp(clamp(−(s_ik − s_ij)/τ, −50, 50))).
    private static double Count(float[] v, int n, int i, int j, ReadOnlySpan<int> negatives, float anneal)
    {
        float sij = v[i * n + j];
        double r = 0;
        foreach (int k in negatives)
        {
            r += Sigmoid(v[i * n + k] - sij, anneal, out _);
        }

        return r;
    }

    private static void Backward(float[] v, float[] dv, int n, int i, LabelGroups groups, Rule rule, double c)
    {
        var positives = groups.Positives(i);
        var negatives = groups.Negatives(i);
        double perPositive = c / (positives.Length + 1);
        for (int t = -1; t < positives.Length; t++)
        {
            int j = t < 0 ? i : positives[t];
            double cj = perPositive * rule.Slope(Count(v, n, i, j, negatives, rule.Anneal)) / rule.Anneal;
            float sij = v[i * n + j];
            double toJ = 0;
            foreach (int k in negatives)
            {
                double sg = Sigmoid(v[i * n + k] - sij, rule.Anneal, out bool clamped);
                if (!clamped)
                {
                    double gk = cj * sg * (1 - sg);
                    dv[i * n + k] += (float)gk;
                    toJ -= gk;
                }
            }

            dv[i * n + j] += (float)toJ;
        }
    }

    private static double Sigmoid(float diff, float anneal, out bool clamped)
    {
        float exponent = -diff / anneal;
        clamped = exponent is < -50f or > 50f;
        return 1 / (1 + Math.Exp(Math.Clamp(exponent, -50f, 50f)));
    }
}
