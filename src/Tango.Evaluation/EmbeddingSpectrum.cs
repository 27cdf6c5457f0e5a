namespace Tango.Evaluation;

/// <summary>
/// The spectrum of an (n, d) embedding matrix Z and the scalar summaries built from it (see
/// <see cref="EmbeddingGeometry.Spectrum"/> for the formulas).
/// </summary>
public sealed class EmbeddingSpectrum
{
    internal EmbeddingSpectrum(double[] singularValues, double[] covarianceEigenvalues, double rankMe,
        double spectralEntropy)
    {
        SingularValues = singularValues;
        CovarianceEigenvalues = covarianceEigenvalues;
        RankMe = rankMe;
        SpectralEntropy = spectralEntropy;
    }

    /// <summary>σ_1 ≥ … ≥ σ_min(n,d) of Z (not centred), as torch.linalg.svdvals.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>λ_1 ≥ … ≥ λ_d of the covariance of the rows of Z (centred, divided by n − 1).</summary>
    public IReadOnlyList<double> CovarianceEigenvalues { get; }

    /// <summary>RankMe: the effective rank exp(H(σ/‖σ‖₁ + ε)) of Z, between 1 and min(n, d).</summary>
    public double RankMe { get; }

    /// <summary>Shannon entropy (nats) of the covariance spectrum normalised to sum 1; at most ln d.</summary>
    public double SpectralEntropy { get; }
}
