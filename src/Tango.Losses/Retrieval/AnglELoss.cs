using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// AnglE (Li &amp; Li 2024, "AnglE-optimized Text Embeddings"; sentence-transformers' <c>AnglELoss</c>): CoSENT on the
/// angle similarity of complex embeddings. Each embedding x = [u | w] is read as u + i·w (so the dimension must be
/// even); for x and y the similarity is |Σ_k (Re + Im)_k| of the normalised quotient x/y, which reduces to
/// |Σ_k (u_k·c_k + w_k·e_k + w_k·c_k − u_k·e_k)| / max(‖x‖·‖y‖, 10⁻¹²) with y = [c | e]. Columns (a, b);
/// labels: gold scores.
/// </summary>
public sealed class AnglELoss : CoSentLoss
{
    /// <summary>Creates the loss (sentence-transformers' default scale 20).</summary>
    public AnglELoss(float scale = 20f)
        : base(scale)
    {
    }

    /// <inheritdoc/>
    protected override Tensor PairSimilarity(Tensor a, Tensor b)
    {
        int d = a.Dim(1);
        if (d % 2 != 0)
        {
            throw new ArgumentException($"AnglELoss: embeddings split into real and imaginary halves; dimension {d} " +
                "is odd.");
        }

        int h = d / 2;
        Tensor u = a.Slice(1, 0, h), w = a.Slice(1, h, h), c = b.Slice(1, 0, h), e = b.Slice(1, h, h);
        var numerator = u.Mul(c).Add(w.Mul(e)).Add(w.Mul(c)).Sub(u.Mul(e)).Sum(1);
        var norms = Columns.Norm(a).Mul(Columns.Norm(b)).ClampMin(1e-12f);
        return numerator.Div(norms).Abs();
    }
}
