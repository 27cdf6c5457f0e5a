using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>Validation and one-hot targets for the losses over class scores.</summary>
internal static class ClassTargets
{
    /// <summary>Throws unless <paramref name="scores"/> is (n, c) and every label lies in [0, c).</summary>
    public static void CheckLabels(string who, Tensor scores, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        CheckScores(who, scores);
        if (labels.Length != scores.Dim(0))
        {
            throw new ArgumentException(
                $"{who}: {labels.Length} labels for {scores.Dim(0)} rows of scores; give one label per row.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)scores.Dim(1))
            {
                throw new ArgumentException($"{who}: label {labels[i]} at position {i} is not a class index in " +
                    $"[0, {scores.Dim(1)}).");
            }
        }
    }

    /// <summary>Throws unless <paramref name="scores"/> is an (n, c) matrix with n, c ≥ 1.</summary>
    public static void CheckScores(string who, Tensor scores)
    {
        if (scores.Rank != 2 || scores.Dim(0) < 1 || scores.Dim(1) < 1)
        {
            throw new ArgumentException($"{who}: scores must be a non-empty (batch, classes) matrix; got " +
                $"{scores.ShapeString}.");
        }
    }

    /// <summary>The one-hot (n, c) matrix of <paramref name="labels"/>.</summary>
    public static Tensor OneHot(int[] labels, int classes)
    {
        var t = Tensor.Zeros(labels.Length, classes);
        var s = t.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            s[i * classes + labels[i]] = 1f;
        }

        return t;
    }
}
