namespace Tango.Mahalanobis.Objectives;

/// <summary>
/// MLKR (Weinberger and Tesauro 2007): leave-one-out kernel regression error f(L) = Σ_i (ŷ_i - y_i)² with
/// ŷ_i = Σ_j p_ij y_j. Row weights W_ij = p_ij (ŷ_i - y_i)(y_j - ŷ_i), gradient 4 L (S + Sᵀ - Xᵀ diag(1ᵀW) X)
/// (metric-learn's mlkr.py).
/// </summary>
internal sealed class MlkrObjective(double[] y) : IRowWeights
{
    public double Apply(int i, Span<double> row)
    {
        double yhat = 0;
        for (int j = 0; j < row.Length; j++)
        {
            yhat += row[j] * y[j];
        }

        double diff = yhat - y[i];
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = row[j] * diff * (y[j] - yhat);
        }

        return diff * diff;
    }

    /// <summary>f(L) and ∇f for x: (n, d), l: (c, d).</summary>
    public double Evaluate(double[] x, int n, int d, ReadOnlySpan<double> l, int c, Span<double> grad) =>
        SoftNeighborObjective.Evaluate(x, n, d, l, c, this, grad, 4.0);
}
