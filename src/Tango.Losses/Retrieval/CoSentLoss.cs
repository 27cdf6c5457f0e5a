using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// CoSENT (Su 2022, "CoSENT: a more efficient sentence vector scheme than Sentence-BERT"; sentence-transformers'
/// <c>CoSENTLoss</c>): with s_i = scale·cos(a_i, b_i) and gold scores y, every ordered pair whose gold order is
/// y_i &lt; y_j pays when the model ranks it the other way:
/// L = log(1 + Σ_{y_i &lt; y_j} e^{s_i − s_j}). Columns (a, b); labels: the gold scores (n).
/// </summary>
public class CoSentLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' default scale 20).</summary>
    public CoSentLoss(float scale = 20f)
    {
        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"{GetType().Name}: scale must be positive and " +
                $"finite; got {scale}.");
        }

        Scale = scale;
    }

    /// <summary>The scale of the pair similarities.</summary>
    public float Scale { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        string who = GetType().Name;
        Columns.Require(who, columns, 2, 2);
        int n = columns[0].Dim(0);
        var gold = Columns.RequireLabels(who, labels, n, "one gold similarity per row").ToArray();
        var scores = PairSimilarity(columns[0], columns[1]).Mul(Scale);
        var lower = new List<int>();
        var higher = new List<int>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (gold[i] < gold[j])
                {
                    lower.Add(i);
                    higher.Add(j);
                }
            }
        }

        if (lower.Count == 0)
        {
            return Kernels.LossOps.ZeroLoss(scores);
        }

        var differences = scores.IndexSelect(0, [.. lower]).Sub(scores.IndexSelect(0, [.. higher]));
        return Tensor.Concat([Tensor.Zeros(1), differences], 0).LogSumExp();
    }

    /// <summary>The similarity of row i of <paramref name="a"/> and row i of <paramref name="b"/>.</summary>
    // a, b: (n, d) -> (n)
    protected virtual Tensor PairSimilarity(Tensor a, Tensor b) => Columns.PairwiseCosine(a, b);

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(scale: {Scale})";
}
