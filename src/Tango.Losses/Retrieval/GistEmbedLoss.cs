using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Retrieval;

/// <summary>
/// GISTEmbed (Solatorio 2024, "GISTEmbed: Guided In-sample Selection of Training Negatives for Text Embedding
/// Fine-tuning"; sentence-transformers' <c>GISTEmbedLoss</c>): in-batch InfoNCE where a frozen guide model vetoes
/// negatives. With g the guide's cosine similarities and g_i = g(a_i, p_i), a candidate x of anchor i is dropped
/// (its logit set to −∞) when g(a_i, x) &gt; g_i − margin (absolute) or g(a_i, x) &gt; g_i·(1 − margin) (relative).
/// The logits of anchor i are cos(a_i, p_j) for all j (its own positive never dropped), and, when enabled,
/// cos(a_i, a_j) and cos(p_i, p_j) (self-similarities included, so masked like any other), then cos(a_i, n_j) for
/// the optional negative column, all divided by the temperature; the loss is the mean cross-entropy with target p_i.
/// </summary>
public sealed class GistEmbedLoss
{
    private static readonly CosineSimilarity Cosine = new();

    /// <summary>Creates the loss (sentence-transformers' defaults).</summary>
    public GistEmbedLoss(float temperature = 0.01f, GistMarginStrategy marginStrategy = GistMarginStrategy.Absolute,
        float margin = 0f, bool contrastAnchors = true, bool contrastPositives = true)
    {
        if (!float.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature),
                $"GistEmbedLoss: temperature must be positive and finite; got {temperature}.");
        }

        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin),
                $"GistEmbedLoss: margin must be finite; got {margin}.");
        }

        Temperature = temperature;
        MarginStrategy = marginStrategy;
        Margin = margin;
        ContrastAnchors = contrastAnchors;
        ContrastPositives = contrastPositives;
    }

    /// <summary>The temperature τ dividing cosine similarities.</summary>
    public float Temperature { get; }

    /// <summary>Absolute or relative margin.</summary>
    public GistMarginStrategy MarginStrategy { get; }

    /// <summary>How far below the guide's positive similarity candidates start to count as negatives.</summary>
    public float Margin { get; }

    /// <summary>Whether other anchors are negatives.</summary>
    public bool ContrastAnchors { get; }

    /// <summary>Whether other positives, compared with the anchor's positive, are negatives.</summary>
    public bool ContrastPositives { get; }

    /// <summary>
    /// The loss of (anchor, positive[, negative]) columns given the guide model's embeddings of the same texts
    /// (same number of columns and rows; their dimension may differ).
    /// </summary>
    public Tensor Compute(IReadOnlyList<Tensor> columns, IReadOnlyList<Tensor> guideColumns)
    {
        Columns.Require(nameof(GistEmbedLoss), columns, 2, 3);
        Columns.Require(nameof(GistEmbedLoss) + " (guide)", guideColumns, columns.Count, columns.Count);
        if (guideColumns[0].Dim(0) != columns[0].Dim(0))
        {
            throw new ArgumentException($"GistEmbedLoss: guide columns have {guideColumns[0].Dim(0)} rows, the " +
                $"embedding columns {columns[0].Dim(0)}.");
        }

        Tensor a = columns[0], p = columns[1], ga = guideColumns[0], gp = guideColumns[1];
        Tensor guideAp;
        using (Tensor.NoGrad())
        {
            guideAp = Cosine.Matrix(ga, gp);
        }

        var threshold = Thresholds(guideAp);
        var scores = new List<Tensor> { Masked(a, p, ga, gp, threshold, exemptDiagonal: true) };
        if (ContrastAnchors)
        {
            scores.Add(Masked(a, a, ga, ga, threshold, exemptDiagonal: false));
        }

        if (ContrastPositives)
        {
            scores.Add(Masked(p, p, gp, gp, threshold, exemptDiagonal: false));
        }

        if (columns.Count == 3)
        {
            scores.Add(Masked(a, columns[2], ga, guideColumns[2], threshold, exemptDiagonal: false));
        }

        var logits = (scores.Count == 1 ? scores[0] : Tensor.Concat([.. scores], 1)).Mul(1f / Temperature);
        return Columns.DiagonalCrossEntropy(logits);
    }

    // Per anchor: guide similarities above this are false negatives.
    private float[] Thresholds(Tensor guideAp)
    {
        int n = guideAp.Dim(0);
        var t = new float[n];
        for (int i = 0; i < n; i++)
        {
            float gi = guideAp[i, i];
            t[i] = MarginStrategy == GistMarginStrategy.Absolute ? gi - Margin : gi * (1f - Margin);
        }

        return t;
    }

    // cos(x_i, y_j) with −∞ where the guide's cos(gx_i, gy_j) exceeds row i's threshold.
    private static Tensor Masked(Tensor x, Tensor y, Tensor gx, Tensor gy, float[] threshold, bool exemptDiagonal)
    {
        Tensor mask;
        using (Tensor.NoGrad())
        {
            var guide = Cosine.Matrix(gx, gy);
            int n = guide.Dim(0), m = guide.Dim(1);
            mask = Tensor.Zeros(n, m);
            var g = guide.Span;
            var ms = mask.Span;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    ms[i * m + j] = g[i * m + j] > threshold[i] && !(exemptDiagonal && i == j) ? 1f : 0f;
                }
            }
        }

        return Cosine.Matrix(x, y).MaskedFill(mask, float.NegativeInfinity);
    }

    /// <inheritdoc/>
    public override string ToString() => $"GistEmbedLoss(temperature: {Temperature}, {MarginStrategy} margin: " +
        $"{Margin}, contrastAnchors: {ContrastAnchors}, contrastPositives: {ContrastPositives})";
}
