using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// The base of the soft set-overlap losses over class probabilities (<see cref="DiceLoss"/>,
/// <see cref="TverskyLoss"/>, <see cref="JaccardMetricLoss"/>): predictions p and targets g are (n, c) matrices
/// (rows of probabilities; targets one-hot or soft), each class's overlap is taken over the whole batch, and the
/// loss is the mean over classes of 1 − overlap. With <see cref="FromLogits"/> the scores go through a softmax over
/// the classes first.
/// </summary>
public abstract class ClassProbabilityLoss
{
    /// <summary>Sets the smoothing and the input kind.</summary>
    protected ClassProbabilityLoss(float smooth, bool fromLogits)
    {
        Smooth = float.IsFinite(smooth) && smooth >= 0 ? smooth : throw new ArgumentOutOfRangeException(
            nameof(smooth), $"{GetType().Name}: smooth must be finite and ≥ 0; got {smooth}.");
        FromLogits = fromLogits;
    }

    /// <summary>Added to the numerator and denominator of each class's overlap (0 with nothing predicted or
    /// present is then no loss).</summary>
    public float Smooth { get; }

    /// <summary>Whether the scores are logits (softmax over classes first) rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>The loss of <paramref name="scores"/> (n, c) against hard <paramref name="labels"/> (n).</summary>
    public Tensor Compute(Tensor scores, int[] labels)
    {
        ClassTargets.CheckLabels(GetType().Name, scores, labels);
        return Compute(scores, ClassTargets.OneHot(labels, scores.Dim(1)));
    }

    /// <summary>
    /// The loss of <paramref name="scores"/> (n, c) against soft <paramref name="targets"/> (n, c), entries in [0, 1].
    /// </summary>
    public Tensor Compute(Tensor scores, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        ClassTargets.CheckScores(GetType().Name, scores);
        if (!Shapes.Equal(scores.Shape, targets.Shape))
        {
            throw new ArgumentException($"{GetType().Name}: targets {targets.ShapeString} must have the scores' " +
                $"shape {scores.ShapeString}.");
        }

        var t = targets.Span;
        for (int k = 0; k < t.Length; k++)
        {
            if (!(t[k] >= 0f && t[k] <= 1f))
            {
                throw new ArgumentException($"{GetType().Name}: target {t[k]} at row {k / scores.Dim(1)}, class " +
                    $"{k % scores.Dim(1)} is not in [0, 1].");
            }
        }

        var p = FromLogits ? scores.Softmax(1) : scores;
        return ClassLosses(p, targets).Mean();
    }

    /// <summary>1 − the overlap of each class (c), from probabilities <paramref name="p"/> and targets.</summary>
    // p, g: (n, c) -> (c)
    protected abstract Tensor ClassLosses(Tensor p, Tensor g);

    /// <summary>1 − (numerator + smooth)/(denominator + smooth), per class.</summary>
    protected Tensor OneMinusRatio(Tensor numerator, Tensor denominator) =>
        numerator.Add(Smooth).Div(denominator.Add(Smooth)).Neg().Add(1f);
}
