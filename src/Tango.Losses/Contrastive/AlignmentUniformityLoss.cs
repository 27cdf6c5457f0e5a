using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Alignment and uniformity on the hypersphere (Wang &amp; Isola 2020, "Understanding Contrastive Representation
/// Learning through Alignment and Uniformity on the Hypersphere"), on L2-normalised embeddings:
/// <list type="bullet">
/// <item>"align_loss": ‖f(x) − f(y)‖₂^α for every positive pair (x, y), reduced by the reducer (mean: the
/// expectation over positive pairs);</item>
/// <item>"uniform_loss": λ·log mean_{i≠j} e^{−t·‖f(x_i) − f(x_j)‖₂²} over all distinct pairs of the batch
/// (already reduced).</item>
/// </list>
/// The loss is their sum. With separate reference embeddings (the second view; positives are then batch–reference
/// pairs) the uniformity is the mean of each set's own, the paper's (L_uniform(x) + L_uniform(y))/2: that is
/// <c>new SelfSupervisedLoss(loss, symmetric: false)</c>. Symmetric (stacked) views take it over all pairs of the
/// 2n rows, cross-view pairs included. Where α &lt; 2 and a pair coincides, the gradient is taken as 0 (the
/// distance is floored at 1e-6 first).
/// </summary>
public sealed class AlignmentUniformityLoss : MetricLoss
{
    /// <summary>The floor of d² before the power α/2 (so α &lt; 2 has a finite gradient at 0).</summary>
    private const float SquaredFloor = 1e-12f;

    /// <summary>Creates the loss (paper defaults: α = 2, t = 2, λ = 1).</summary>
    public AlignmentUniformityLoss(float alpha = 2f, float t = 2f, float uniformityWeight = 1f,
        bool normalizeEmbeddings = true, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f)
        : base(new LpDistance(power: 2f, normalizeEmbeddings: normalizeEmbeddings), reducer ?? new MeanReducer(),
            embeddingRegularizer, embeddingRegularizerWeight)
    {
        Alpha = Check.Positive(alpha, nameof(alpha), nameof(AlignmentUniformityLoss));
        T = Check.Positive(t, nameof(t), nameof(AlignmentUniformityLoss));
        UniformityWeight = float.IsFinite(uniformityWeight) && uniformityWeight >= 0 ? uniformityWeight
            : throw new ArgumentOutOfRangeException(nameof(uniformityWeight),
                $"AlignmentUniformityLoss: uniformityWeight must be finite and ≥ 0; got {uniformityWeight}.");
    }

    /// <summary>The exponent α of the alignment distance.</summary>
    public float Alpha { get; }

    /// <summary>The scale t of the uniformity's Gaussian potential.</summary>
    public float T { get; }

    /// <summary>The weight λ of the uniformity term.</summary>
    public float UniformityWeight { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames => ["align_loss", "uniform_loss"];

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.BatchSize;
        var squared = input.Matrix(Distance); // ‖f(x_i) − f(x_j)‖², exactly 0 on the diagonal
        var terms = new SubLosses();
        var pairs = input.Pairs();
        if (pairs.PositiveCount == 0)
        {
            terms.Add(SubLoss.Zero("align_loss"));
        }
        else
        {
            var d2 = LossOps.GatherPairs(squared, pairs.A1, pairs.P);
            var align = Alpha == 2f ? d2 : d2.ClampMin(SquaredFloor).Pow(Alpha / 2f);
            terms.Add(SubLoss.PerPair("align_loss", align, ReductionType.PosPair, pairs.A1, pairs.P));
        }

        if (UniformityWeight == 0 || (n < 2 && input.ReferenceSize < 2))
        {
            terms.Add(SubLoss.Zero("uniform_loss"));
            return terms;
        }

        var uniform = input.SeparateReference is null
            ? Uniformity(squared)
            : Uniformity(Distance.Matrix(input.Embeddings)).Add(Uniformity(Distance.Matrix(input.Reference)))
                .Mul(0.5f);
        terms.Add(SubLoss.Reduced("uniform_loss", uniform.Mul(UniformityWeight)));
        return terms;
    }

    // log mean_{i≠j} e^{−t·d²_ij} of a (k, k) squared-distance matrix (0 when k < 2). -> ()
    private Tensor Uniformity(Tensor squared)
    {
        int k = squared.Dim(0);
        if (k < 2)
        {
            return LossOps.ZeroLoss(squared);
        }

        var offDiagonal = new byte[k * k];
        Array.Fill(offDiagonal, (byte)1);
        for (int i = 0; i < k; i++)
        {
            offDiagonal[i * k + i] = 0;
        }

        var rows = LossOps.MaskedRowLogSumExp(squared, offDiagonal, -T, 0f, addOne: false);
        return rows.LogSumExp().Sub(Tensor.Scalar(MathF.Log((float)k * (k - 1))));
    }
}
