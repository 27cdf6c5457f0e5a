namespace Tango.Mahalanobis.Objectives;

/// <summary>
/// NCA (Goldberger, Roweis, Hinton and Salakhutdinov 2004): the expected number of points whose stochastic
/// nearest neighbour has their class, f(L) = Σ_i p_i with p_i = Σ_{j: y_j = y_i} p_ij. Row weights
/// W_ij = p_ij (1[y_j = y_i] - p_i), gradient 2 L (S + Sᵀ - Xᵀ diag(1ᵀW) X) (metric-learn's nca.py).
/// </summary>
internal sealed class NcaObjective(int[] classIndex) : IRowWeights
{
    public double Apply(int i, Span<double> row)
    {
        int yi = classIndex[i];
        double pi = 0;
        for (int j = 0; j < row.Length; j++)
        {
            pi += classIndex[j] == yi ? row[j] : 0;
        }

        for (int j = 0; j < row.Length; j++)
        {
            row[j] = row[j] * ((classIndex[j] == yi ? 1 : 0) - pi);
        }

        return pi;
    }

    /// <summary>f(L) and ∇f for x: (n, d), l: (c, d).</summary>
    public double Evaluate(double[] x, int n, int d, ReadOnlySpan<double> l, int c, Span<double> grad) =>
        SoftNeighborObjective.Evaluate(x, n, d, l, c, this, grad, 2.0);
}
