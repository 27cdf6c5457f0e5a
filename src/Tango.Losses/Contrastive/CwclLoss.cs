using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Continuously weighted contrastive loss (Srinivasa et al. 2023, "CWCL: Cross-Modal Transfer with Continuously
/// Weighted Contrastive Loss"). A trainable tower gives p_i and a frozen, pre-trained tower gives q_i for the same n
/// samples; instead of CLIP's one-hot targets every pair (i, j) is a positive to the degree
/// w_ij = (1 + cos(q_i, q_j))/2 ∈ [0, 1], the frozen tower's own similarity (computed from
/// <c>weightEmbeddings</c> when given). With ℓ_ij = cos(p_i, q_j)/τ,
/// L_{p→q} = −(1/n)·Σ_i (1/Σ_j w_ij)·Σ_j w_ij·log softmax_j(ℓ_ij), and L_{q→p} likewise over columns. The loss is
/// L_{p→q}, or the mean of both directions when <see cref="Symmetric"/> (CLIP's convention). The weights are
/// constants; the gradient reaches p (and q, if it requires one).
/// </summary>
public sealed class CwclLoss
{
    private static readonly CosineSimilarity Cosine = new();

    /// <summary>Creates the loss (τ = 0.07, CLIP's initial temperature; symmetric).</summary>
    public CwclLoss(float temperature = 0.07f, bool symmetric = true)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(CwclLoss));
        Symmetric = symmetric;
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <summary>Whether the loss averages both directions (p → q and q → p).</summary>
    public bool Symmetric { get; }

    /// <summary>
    /// The loss of the trainable tower's <paramref name="embeddings"/> (n, d) against the frozen tower's
    /// <paramref name="frozen"/> (n, d), row i of each being sample i. <paramref name="weightEmbeddings"/> (n, d′)
    /// gives the pair weights instead of <paramref name="frozen"/>.
    /// </summary>
    public Tensor Compute(Tensor embeddings, Tensor frozen, Tensor? weightEmbeddings = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(frozen);
        int n = CheckShapes(embeddings, frozen, weightEmbeddings);
        Tensor rowWeights, columnWeights;
        using (Tensor.NoGrad())
        {
            var w = Cosine.Matrix(weightEmbeddings ?? frozen).Add(1f).Mul(0.5f);
            rowWeights = w.Div(w.Sum(1, keepDim: true)).Mul(-1f / n);
            columnWeights = w.Div(w.Sum(0, keepDim: true)).Mul(-1f / n);
        }

        var logits = Cosine.Matrix(embeddings, frozen).Mul(1f / Temperature);
        var forward = logits.LogSoftmax(1).Mul(rowWeights).Sum();
        return Symmetric ? forward.Add(logits.LogSoftmax(0).Mul(columnWeights).Sum()).Mul(0.5f) : forward;
    }

    private static int CheckShapes(Tensor p, Tensor q, Tensor? w)
    {
        if (p.Rank != 2 || q.Rank != 2 || p.Dim(0) != q.Dim(0) || p.Dim(1) != q.Dim(1) || p.Dim(0) < 1)
        {
            throw new ArgumentException("CwclLoss: the two towers' embeddings must be (n, d) matrices of the same " +
                $"shape, n ≥ 1; got {p.ShapeString} and {q.ShapeString}.");
        }

        if (w is not null && (w.Rank != 2 || w.Dim(0) != p.Dim(0)))
        {
            throw new ArgumentException($"CwclLoss: weight embeddings {w.ShapeString} must have one row per sample " +
                $"({p.Dim(0)}).");
        }

        return p.Dim(0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"CwclLoss(temperature: {Temperature}, symmetric: {Symmetric})";
}
