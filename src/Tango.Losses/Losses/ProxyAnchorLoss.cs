using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// Proxy-Anchor loss (Kim et al. 2020, "Proxy Anchor Loss for Deep Metric Learning", eq. 4; PML's
/// <c>ProxyAnchorLoss</c>): each class proxy is an anchor that pulls the batch elements of its class and pushes
/// the others, weighted by their hardness through a log-sum-exp:
/// pos_c = log(1 + Σ_{i ∈ P_c} e^{α·(m − s_ic)}), neg_c = log(1 + Σ_{i ∉ P_c} e^{α·(s_ic + m)}) for a similarity s
/// (directions flip for a distance), 0 for an empty set. By default pos is summed over the proxies with
/// positives and divided by their number, neg divided by the number of classes. Miner weights w_i enter the
/// exponents as + (w_i − 1), as PML. Proxies are (classes, embedding size), initialised Kaiming-normal (fan out).
/// </summary>
public sealed class ProxyAnchorLoss : ParametricLoss
{
    /// <summary>Creates the loss (PML defaults: margin 0.1, α = 32, cosine similarity, divisor reducer).</summary>
    public ProxyAnchorLoss(int numClasses, int embeddingSize, float margin = 0.1f, float alpha = 32f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new DivisorReducer(), embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight)
    {
        ClassLabels.CheckSizes(nameof(ProxyAnchorLoss), numClasses, embeddingSize);
        if (!float.IsFinite(margin) || !float.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha),
                $"ProxyAnchorLoss: margin and alpha must be finite; got margin {margin}, alpha {alpha}.");
        }

        NumClasses = numClasses;
        EmbeddingSize = embeddingSize;
        Margin = margin;
        Alpha = alpha;
        Proxies = RegisterParameter("proxies", TensorScope.Unowned(() => Init.KaimingNormal(
            Tensor.Zeros(numClasses, embeddingSize), rng ?? Init.DefaultRng, mode: FanMode.FanOut)));
    }

    /// <summary>The number of classes (labels lie in [0, NumClasses)).</summary>
    public int NumClasses { get; }

    /// <summary>The dimension of the embeddings the loss accepts.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The margin m.</summary>
    public float Margin { get; }

    /// <summary>The scale α of the exponents.</summary>
    public float Alpha { get; }

    /// <summary>The proxies, one row per class (classes, embedding size).</summary>
    public Tensor Proxies { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames => ["pos_loss", "neg_loss"];

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <summary>The similarity (or distance) of each embedding to each proxy (PML's <c>get_logits</c>).</summary>
    // embeddings: (n, d) -> (n, classes)
    public Tensor Logits(Tensor embeddings)
    {
        ClassLabels.CheckDimension(nameof(ProxyAnchorLoss), embeddings, EmbeddingSize);
        return Distance.Matrix(embeddings, Proxies);
    }

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = ClassLabels.Require(nameof(ProxyAnchorLoss), input, NumClasses, EmbeddingSize);
        int n = input.BatchSize, c = NumClasses;
        var byProxy = Distance.Matrix(input.Embeddings, Proxies).T;
        var members = new byte[c * n];
        var others = new byte[c * n];
        Array.Fill(others, (byte)1);
        var hasPositive = new bool[c];
        for (int i = 0; i < n; i++)
        {
            members[labels[i] * n + i] = 1;
            others[labels[i] * n + i] = 0;
            hasPositive[labels[i]] = true;
        }

        // Exponents: α·dir·(s − m) for members, −α·dir·(s + m) for the others (dir = −1 for a similarity).
        float scale = Alpha * Distance.Direction, shift = -scale * Margin;
        var pos = Terms(byProxy, scale, shift, members, input);
        var neg = Terms(byProxy, -scale, shift, others, input);
        var proxies = ClassLabels.Range(c);
        var terms = new SubLosses([
            SubLoss.PerElement("pos_loss", pos, proxies, divisor: hasPositive.Count(h => h)),
            SubLoss.PerElement("neg_loss", neg, proxies, divisor: c),
        ]);
        AddWeightRegularization(terms, Proxies);
        return terms;
    }

    // log(1 + Σ_kept exp(scale·s + shift + (w_i − 1))) per proxy row of s: (classes, n).
    private static Tensor Terms(Tensor byProxy, float scale, float shift, byte[] keep, LossInput input)
    {
        if (ClassLabels.MinerWeights(input, anchorsOnly: false) is not { } weights)
        {
            return LossOps.MaskedRowLogSumExp(byProxy, keep, scale, shift, addOne: true);
        }

        var exponents = byProxy.Mul(scale).Add(weights.Add(-1f));
        return LossOps.MaskedRowLogSumExp(exponents, keep, 1f, shift, addOne: true);
    }
}
