using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses;

/// <summary>
/// VICReg (Bardes, Ponce &amp; LeCun 2022, "VICReg: Variance-Invariance-Covariance Regularization for
/// Self-Supervised Learning"; PML's <c>VICRegLoss</c>) between two views Z (the embeddings) and Z′ (the reference
/// embeddings), row i of one being the same sample as row i of the other. No labels:
/// L = λ·s(Z, Z′) + μ·[v(Z) + v(Z′)] + ν·[c(Z) + c(Z′)], with the sub-losses
/// <list type="bullet">
/// <item>"invariance_loss": λ·mean_k (z_ik − z′_ik)², one element per row;</item>
/// <item>"variance_loss1" / "variance_loss2": μ·relu(1 − √(Var_i z_ik + ε)) / 2, one element per dimension k
/// (unbiased variance over the batch);</item>
/// <item>"covariance_loss": ν·Σ_{k≠l} C_kl² / d for each view, C the unbiased covariance matrix (already
/// reduced).</item>
/// </list>
/// Each is reduced by the reducer (mean by default) and the results added. VICReg takes no distance and no
/// embedding regulariser (as in PML).
/// </summary>
public sealed class VicRegLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: λ = 25, μ = 25, ν = 1, ε = 1e-4, mean).</summary>
    public VicRegLoss(float invarianceLambda = 25f, float varianceMu = 25f, float covarianceV = 1f, float eps = 1e-4f,
        Reducer? reducer = null)
        : base(new LpDistance(), reducer ?? new MeanReducer(), null, 1f)
    {
        if (!(eps >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"VicRegLoss: eps must be ≥ 0; got {eps}.");
        }

        InvarianceLambda = invarianceLambda;
        VarianceMu = varianceMu;
        CovarianceV = covarianceV;
        Eps = eps;
    }

    /// <summary>The weight λ of the invariance term.</summary>
    public float InvarianceLambda { get; }

    /// <summary>The weight μ of the variance terms.</summary>
    public float VarianceMu { get; }

    /// <summary>The weight ν of the covariance term.</summary>
    public float CovarianceV { get; }

    /// <summary>Added to each variance before the square root.</summary>
    public float Eps { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames =>
        ["invariance_loss", "variance_loss1", "variance_loss2", "covariance_loss"];

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (z, zr) = Views(input);
        int n = z.Dim(0), d = z.Dim(1);
        var rows = Enumerable.Range(0, n).ToArray();
        var dims = Enumerable.Range(0, d).ToArray();
        var invariance = z.Sub(zr).Square().Mean(1).Mul(InvarianceLambda);
        var covariance = Covariance(z).Add(Covariance(zr)).Mul(CovarianceV);
        return new SubLosses(
        [
            SubLoss.PerElement("invariance_loss", invariance, rows),
            SubLoss.PerElement("variance_loss1", Variance(z).Mul(VarianceMu), dims),
            SubLoss.PerElement("variance_loss2", Variance(zr).Mul(VarianceMu), dims),
            SubLoss.Reduced("covariance_loss", covariance),
        ]);
    }

    private static (Tensor Z, Tensor Ref) Views(LossInput input)
    {
        if (input.Labels is not null || input.Tuples is not null)
        {
            throw new ArgumentException("VicRegLoss takes no labels and no tuples (as in PML): pass the two views as " +
                "embeddings and reference embeddings.");
        }

        var reference = input.SeparateReference ?? throw new ArgumentException(
            "VicRegLoss needs the second view as reference embeddings (refEmbeddings).");
        if (reference.Dim(0) != input.BatchSize)
        {
            throw new ArgumentException($"VicRegLoss: the two views must have the same number of rows; got " +
                $"{input.BatchSize} embeddings and {reference.Dim(0)} reference embeddings.");
        }

        if (input.BatchSize < 2)
        {
            throw new ArgumentException(
                $"VicRegLoss needs at least 2 rows for a batch variance; got {input.BatchSize}.");
        }

        return (input.Embeddings, reference);
    }

    // relu(1 − √(Var z + ε)) / 2 per dimension. z: (n, d) -> (d)
    private Tensor Variance(Tensor z) => z.Var(0).Add(Eps).Sqrt().Neg().Add(1f).Relu().Mul(0.5f);

    // Σ_{k≠l} C_kl² / d with C = z̄ᵀz̄ / (n − 1). z: (n, d) -> ()
    private static Tensor Covariance(Tensor z)
    {
        int n = z.Dim(0), d = z.Dim(1);
        var centred = z.Sub(z.Mean(0, keepDim: true));
        var cov = centred.MatMul(centred, transA: true).Mul(1f / (n - 1));
        var offDiagonal = Tensor.Ones(d, d);
        for (int k = 0; k < d; k++)
        {
            offDiagonal.Span[k * d + k] = 0f;
        }

        return cov.Mul(offDiagonal).Square().Sum().Mul(1f / d);
    }
}
