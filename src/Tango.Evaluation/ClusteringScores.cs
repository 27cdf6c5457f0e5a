namespace Tango.Evaluation;

/// <summary>
/// Agreement between a ground-truth labelling and a clustering, as scikit-learn 1.2 computes them (natural
/// logarithms, arithmetic-mean normalisation, its special cases), which pytorch-metric-learning's
/// AccuracyCalculator reports as NMI and AMI.
/// </summary>
public static class ClusteringScores
{
    // numpy's finfo(float64).eps = 2⁻⁵², the guard scikit-learn puts on the AMI denominator.
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Normalised mutual information (Strehl &amp; Ghosh 2002) with the arithmetic mean:
    /// NMI = I(Y; C) / ((H(Y) + H(C)) / 2), where I = Σ_ij (n_ij/N) log(N n_ij / (a_i b_j)) over the contingency
    /// table n_ij with row sums a_i and column sums b_j. 1 when both labellings have a single class; 0 when I = 0.
    /// </summary>
    public static double NormalizedMutualInformation(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        var table = Contingency.Build(labels, clusters);
        if (table.IsTrivial)
        {
            return 1.0;
        }

        double mi = table.MutualInformation();
        return mi == 0 ? 0.0 : mi / ((table.RowEntropy() + table.ColumnEntropy()) / 2);
    }

    /// <summary>
    /// Adjusted mutual information (Vinh, Epps &amp; Bailey 2010) with the arithmetic mean:
    /// AMI = (I − E[I]) / ((H(Y) + H(C)) / 2 − E[I]), where E[I] is the expected mutual information of two random
    /// labellings with the same cluster sizes (hypergeometric model, eq. 24a of the paper); the denominator is
    /// kept at least machine epsilon away from 0, as scikit-learn does.
    /// </summary>
    public static double AdjustedMutualInformation(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        var table = Contingency.Build(labels, clusters);
        if (table.IsTrivial)
        {
            return 1.0;
        }

        double mi = table.MutualInformation();
        double emi = table.ExpectedMutualInformation();
        double denominator = (table.RowEntropy() + table.ColumnEntropy()) / 2 - emi;
        denominator = denominator < 0 ? Math.Min(denominator, -MachineEpsilon) : Math.Max(denominator, MachineEpsilon);
        return (mi - emi) / denominator;
    }
}
