using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// PNP loss (Li et al. 2022; PML's <c>PNPLoss</c>) over a self-similarity matrix. For a query i with another
/// member of its class, every j of its class (i itself included) gets the soft count of negatives ranked above it,
/// r_ij = Σ_{k∉class(i)} σ(clamp((s_ik − s_ij)/τ, ±50)) (PML clamps the exponent), and the query's loss is
/// mean_j f(r_ij); L = mean over such queries (Dq: 1 − that). PML builds an (n, n, n) tensor; this walks
/// positives × negatives per query with the negatives' similarities gathered into a contiguous row, so each
/// count is a few SIMD passes: O(n³/classes) time and O(n²) memory. Backward: ∂σ/∂s_ik = σ(1 − σ)/τ = −∂σ/∂s_ij
/// (PML's clamp passes no gradient beyond ±50, where σ(1 − σ) &lt; 2e-22 here: the difference is below float
/// resolution).
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
        var counts = new double[queries.Length][];
        var perQuery = new double[queries.Length];
        Parallel.For(0, queries.Length, () => new Row(n), (q, _, row) =>
        {
            int i = queries[q];
            row.Gather(v, n, i, groups.Negatives(i));
            var members = Members(i, groups);
            counts[q] = new double[members.Length];
            double sum = 0;
            for (int t = 0; t < members.Length; t++)
            {
                counts[q][t] = row.Count(v[i * n + members[t]], rule.Anneal);
                sum += rule.F(counts[q][t]);
            }

            perQuery[q] = sum / members.Length;
            return row;
        }, _ => { });
        double mean = perQuery.Sum() / queries.Length;
        var y = Tensor.Scalar((float)(rule.Variant == PnpVariant.Dq ? 1 - mean : mean));
        return y.Record("Pnp", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            double c = g.Item() / queries.Length * (rule.Variant == PnpVariant.Dq ? -1 : 1);
            Parallel.For(0, queries.Length, () => new Row(n), (q, _, row) =>
            {
                Backward(v, d.Buffer, n, queries[q], groups, rule, c, counts[q], row);
                return row;
            }, _ => { });
            mat.AccumulateGrad(d);
        });
    }

    // Row i's own class: i first, then its positives.
    private static int[] Members(int i, LabelGroups groups) => [i, .. groups.Positives(i)];

    private static void Backward(float[] v, float[] dv, int n, int i, LabelGroups groups, Rule rule, double c,
        double[] counts, Row row)
    {
        var negatives = groups.Negatives(i);
        row.Gather(v, n, i, negatives);
        var members = Members(i, groups);
        double perMember = c / members.Length / rule.Anneal;
        for (int t = 0; t < members.Length; t++)
        {
            float cj = (float)(perMember * rule.Slope(counts[t]));
            dv[i * n + members[t]] -= row.Accumulate(v[i * n + members[t]], rule.Anneal, cj);
        }

        for (int k = 0; k < negatives.Length; k++)
        {
            dv[i * n + negatives[k]] += row.Gradient[k];
        }
    }

    /// <summary>One query's negatives: their similarities, a scratch row, and their accumulated gradient.</summary>
    private sealed class Row(int n)
    {
        private readonly float[] _s = new float[n];
        private readonly float[] _sigma = new float[n];
        private readonly float[] _slope = new float[n];
        private readonly float[] _gradient = new float[n];
        private int _count;

        public ReadOnlySpan<float> Gradient => _gradient.AsSpan(0, _count);

        public void Gather(float[] v, int n, int i, ReadOnlySpan<int> negatives)
        {
            _count = negatives.Length;
            for (int k = 0; k < negatives.Length; k++)
            {
                _s[k] = v[i * n + negatives[k]];
            }

            Array.Clear(_gradient, 0, _count);
        }

        // r = Σ_k σ(x_k), x_k = clamp((s_k − sij)/τ, ±50).
        public double Count(float sij, float anneal)
        {
            if (_count == 0)
            {
                return 0;
            }

            var sigma = _sigma.AsSpan(0, _count);
            Exponents(sij, anneal, sigma);
            TensorPrimitives.Sigmoid(sigma, sigma);
            return TensorPrimitives.Sum(sigma);
        }

        // Adds c·σ(x)(1 − σ(x)) to each negative's gradient and returns the sum added (what s_ij loses).
        // 1 − σ(x) is taken as σ(−x): no cancellation where σ is close to 1.
        public float Accumulate(float sij, float anneal, float c)
        {
            if (_count == 0)
            {
                return 0f;
            }

            var sigma = _sigma.AsSpan(0, _count);
            var slope = _slope.AsSpan(0, _count);
            Exponents(sij, anneal, slope);
            TensorPrimitives.Sigmoid(slope, sigma);
            TensorPrimitives.Negate(slope, slope);
            TensorPrimitives.Sigmoid(slope, slope);
            TensorPrimitives.Multiply(sigma, slope, slope);
            var gradient = _gradient.AsSpan(0, _count);
            TensorPrimitives.MultiplyAdd(slope, c, gradient, gradient);
            return TensorPrimitives.Sum(slope) * c;
        }

        private void Exponents(float sij, float anneal, Span<float> x)
        {
            TensorPrimitives.Subtract(_s.AsSpan(0, _count), sij, x);
            TensorPrimitives.Multiply(x, 1f / anneal, x);
            TensorPrimitives.Clamp(x, -50f, 50f, x);
        }
    }
}
