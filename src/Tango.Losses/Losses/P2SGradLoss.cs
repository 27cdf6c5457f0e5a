using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// P2SGrad (Zhang et al. 2019, "P2SGrad: Refined Gradients for Optimizing Deep Face Models"; PML's
/// <c>P2SGradLoss</c>): its gradient (eq. 11) is that of the mean squared error between the cosines and the
/// one-hot labels, L = mean_{i,j} (cos θ_ij − δ(j = y_i))², with cos θ_ij = x_i·w_j / ‖x_i‖ clamped to [−1, 1].
/// Before every call the class weights (embedding size, classes) are rescaled in place to unit columns, outside
/// the graph, exactly as PML (<c>renorm(2, 1, 1e-5)·1e5</c>), so the gradient is taken at the renormalised
/// weights. An already reduced loss: the reducer passes it through; mined tuples are not supported (an empty set is
/// accepted as none).
/// </summary>
public sealed class P2SGradLoss : ParametricLoss
{
    /// <summary>Creates the loss; the weights start from U(−1, 1), renormalised (as PML).</summary>
    public P2SGradLoss(int numClasses, int embeddingSize, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f, Rng? rng = null)
        : base(new LpDistance(), reducer ?? new MeanReducer(), embeddingRegularizer, embeddingRegularizerWeight,
            null, 1f)
    {
        ClassLabels.CheckSizes(nameof(P2SGradLoss), numClasses, embeddingSize);
        NumClasses = numClasses;
        EmbeddingSize = embeddingSize;
        Weight = RegisterParameter("weight", TensorScope.Unowned(() => Init.Uniform(
            Tensor.Zeros(embeddingSize, numClasses), rng ?? Init.DefaultRng, -1f, 1f)));
        RenormalizeColumns(Weight);
    }

    /// <summary>The number of classes (labels lie in [0, NumClasses)).</summary>
    public int NumClasses { get; }

    /// <summary>The dimension of the embeddings the loss accepts.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The class weights, (embedding size, classes), unit columns after each call.</summary>
    public Tensor Weight { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Tuples is { IsEmpty: false })
        {
            throw new ArgumentException("P2SGradLoss does not use mined tuples; call it without them.");
        }

        var labels = ClassLabels.Require(nameof(P2SGradLoss), input, NumClasses, EmbeddingSize);
        RenormalizeColumns(Weight);
        var x = input.Embeddings;
        var norms = x.Square().Sum(1, keepDim: true).Sqrt().ClampMin(1e-12f);
        var cos = x.MatMul(Weight).Div(norms).Clamp(-1f, 1f);
        var oneHot = Tensor.Zeros(input.BatchSize, NumClasses);
        var target = oneHot.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            target[i * NumClasses + labels[i]] = 1f;
        }

        return new SubLosses([SubLoss.Reduced("loss", cos.Sub(oneHot).Square().Mean())]);
    }

    // torch.renorm(p=2, dim=1, maxnorm=1e-5)·1e5 on the data: a column with norm r > 1e-5 is scaled by
    // 1e-5/(r + 1e-7)·1e5 (torch's renorm adds 1e-7 to the norm), smaller columns by 1e5.
    private static void RenormalizeColumns(Tensor w)
    {
        int rows = w.Dim(0), cols = w.Dim(1);
        var s = w.Span;
        for (int j = 0; j < cols; j++)
        {
            double norm = 0;
            for (int r = 0; r < rows; r++)
            {
                norm += (double)s[r * cols + j] * s[r * cols + j];
            }

            norm = Math.Sqrt(norm);
            double factor = norm > 1e-5 ? 1e-5 / (norm + 1e-7) * 1e5 : 1e5;
            for (int r = 0; r < rows; r++)
            {
                s[r * cols + j] = (float)(s[r * cols + j] * factor);
            }
        }
    }
}
