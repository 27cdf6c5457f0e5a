using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Margin loss (Wu et al. 2017, "Sampling Matters in Deep Embedding Learning", eq. 3–4; PML's <c>MarginLoss</c>):
/// each triplet pays [d_ap − β + α]₊ + [β − d_an + α]₊ (directions flip for a similarity) with margin α and boundary
/// β, divided by the number of non-zero hinges. β may be learned, one per class (indexed by the anchor's label,
/// which must then lie in [0, classes)) or shared, with the penalty ν·β added per triplet ("beta_reg_loss").
/// With its default reducer the loss streams over the triplets (O(n·m) memory).
/// </summary>
public sealed class MarginLoss : ParametricLoss
{
    private readonly Tensor _beta;
    private readonly Rng _rng;

    /// <summary>
    /// Creates the loss (PML defaults: α = 0.2, ν = 0, β = 1.2 fixed, all triplets, divisor reducer).
    /// </summary>
    public MarginLoss(float margin = 0.2f, float nu = 0f, float beta = 1.2f, int? tripletsPerAnchor = null,
        bool learnBeta = false, int? classCount = null, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f, Rng? rng = null)
        : base(distance ?? new LpDistance(), reducer ?? new DivisorReducer(), embeddingRegularizer,
            embeddingRegularizerWeight, null, 1f)
    {
        if (classCount is <= 0 || tripletsPerAnchor is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount),
                "MarginLoss: classCount and tripletsPerAnchor must be positive; got " +
                $"{classCount}, {tripletsPerAnchor}.");
        }

        Margin = margin;
        Nu = nu;
        LearnBeta = learnBeta;
        TripletsPerAnchor = tripletsPerAnchor;
        _rng = rng ?? new Rng(0);
        _beta = Core.Memory.TensorScope.Unowned(() => Tensor.Full(beta, classCount ?? 1));
        if (learnBeta)
        {
            RegisterParameter("beta", _beta);
        }
    }

    /// <summary>The margin α.</summary>
    public float Margin { get; }

    /// <summary>The penalty ν on β.</summary>
    public float Nu { get; }

    /// <summary>Whether β is a parameter.</summary>
    public bool LearnBeta { get; }

    /// <summary>Random triplets per anchor when no tuples are given; null for all.</summary>
    public int? TripletsPerAnchor { get; }

    /// <summary>The boundary β (one value, or one per class).</summary>
    public Tensor Beta => _beta;

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames => ["margin_loss", "beta_reg_loss"];

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => true;

    /// <inheritdoc/>
    protected override Tensor? ComputeReduced(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Reducer.ForSubLoss("margin_loss") is not DivisorReducer
            || Reducer.ForSubLoss("beta_reg_loss") is not DivisorReducer || (_beta.Size > 1 && input.Labels is null))
        {
            return null;
        }

        var source = input.Tuples is null && TripletsPerAnchor is null
            ? TripletSource.All(LabelGroups.Create(input.RequireLabels(nameof(MarginLoss)), input.ReferenceLabels!,
                input.ExcludeSelf))
            : TripletSource.Of(input.Triplets(TripletsPerAnchor, _rng), input.BatchSize);
        if (source.Count == 0)
        {
            return LossOps.ZeroLoss(input.Embeddings);
        }

        var term = new MarginLossKernel.Term(Distance.Direction, Margin, LearnBeta ? Nu : 0f, _beta.Size > 1);
        return MarginLossKernel.Reduce(input.Matrix(Distance), _beta, source, term, input.Labels, input.Embeddings);
    }

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = input.Triplets(TripletsPerAnchor, _rng);
        if (t.IsEmpty)
        {
            return ZeroSubLosses();
        }

        var beta = _beta.Size == 1
            ? _beta
            : _beta.IndexSelect(0, [.. t.A.Select(a => ClassOf(input.RequireLabels(nameof(MarginLoss)), a))]);
        var mat = input.Matrix(Distance);
        var pos = Distance.Margin(LossOps.GatherPairs(mat, t.A, t.P), beta).Add(Margin).Relu();
        var neg = Distance.Margin(beta, LossOps.GatherPairs(mat, t.A, t.N)).Add(Margin).Relu();
        float divisor = Positives(pos) + Positives(neg);
        var terms = new SubLosses([SubLoss.PerTriplet("margin_loss", pos.Add(neg), t, divisor)]);
        terms.Add(!LearnBeta ? SubLoss.Zero("beta_reg_loss")
            : _beta.Size == 1 ? SubLoss.Reduced("beta_reg_loss", _beta.Mul(Nu))
            : SubLoss.PerElement("beta_reg_loss", beta.Mul(Nu), t.A, divisor));
        return terms;
    }

    private int ClassOf(int[] labels, int anchor) => (uint)labels[anchor] < (uint)_beta.Size
        ? labels[anchor]
        : throw new ArgumentException(
            $"MarginLoss: label {labels[anchor]} has no β; the loss was created for {_beta.Size} classes.");

    private static int Positives(Tensor t)
    {
        int count = 0;
        foreach (float v in t.Span)
        {
            count += v > 0 ? 1 : 0;
        }

        return count;
    }
}
