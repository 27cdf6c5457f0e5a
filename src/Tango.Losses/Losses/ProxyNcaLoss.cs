using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// ProxyNCA (Movshovitz-Attias et al. 2017, "No Fuss Distance Metric Learning using Proxies"; PML's
/// <c>ProxyNCALoss</c>): NCA against one learned proxy per class instead of the other batch elements. With
/// p_ij = softmax_j(−s·d(x_i, proxy_j)) (similarities are not negated) the loss is −log p_{i, y_i}, the
/// cross-entropy of the scaled negative distances. Proxies are (classes, embedding size), initialised N(0, 1);
/// the default distance is the squared Euclidean distance of normalised vectors.
/// </summary>
public sealed class ProxyNcaLoss : ClassifierLoss
{
    /// <summary>Creates the loss (PML defaults: softmax scale 1, squared Euclidean distance, mean reducer).</summary>
    public ProxyNcaLoss(int numClasses, int embeddingSize, float softmaxScale = 1f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f,
        Regularizer? weightRegularizer = null, float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, distance ?? new LpDistance(power: 2f), reducer ?? new MeanReducer(),
            embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight)
    {
        if (!float.IsFinite(softmaxScale))
        {
            throw new ArgumentOutOfRangeException(nameof(softmaxScale),
                $"ProxyNcaLoss: softmaxScale must be finite; got {softmaxScale}.");
        }

        SoftmaxScale = softmaxScale;
        Proxies = RegisterParameter("proxies",
            TensorScope.Unowned(() => NormalInit(rng ?? Init.DefaultRng, [numClasses, embeddingSize])));
    }

    /// <summary>The proxies, one row per class (classes, embedding size).</summary>
    public Tensor Proxies { get; }

    /// <summary>The factor applied to the (negated) distances before the softmax.</summary>
    public float SoftmaxScale { get; }

    /// <summary>The reference set is the proxies, so miner weights count anchors only (PML's
    /// <c>using_ref</c>).</summary>
    protected override bool MinerWeightsFromAnchorsOnly => true;

    /// <inheritdoc/>
    protected override Tensor ComputeLogits(Tensor embeddings)
    {
        var mat = Distance.Matrix(embeddings, Proxies);
        return mat.Mul(Distance.IsSimilarity ? SoftmaxScale : -SoftmaxScale);
    }

    /// <inheritdoc/>
    protected override Tensor WeightRows() => Proxies;
}
