using Tango.Core;

namespace Tango.Losses;

/// <summary>Checks shared by the losses that own one weight vector or proxy per class.</summary>
internal static class ClassLabels
{
    /// <summary>
    /// The labels of <paramref name="input"/>, after checking that the embeddings have the dimension the loss was
    /// built for and every label is a class index in [0, <paramref name="numClasses"/>).
    /// </summary>
    public static int[] Require(string who, LossInput input, int numClasses, int embeddingSize)
    {
        CheckDimension(who, input.Embeddings, embeddingSize);
        var labels = input.RequireLabels(who);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)numClasses)
            {
                throw new ArgumentException(
                    $"{who}: label {labels[i]} at position {i} is not a class index in [0, {numClasses}); the loss " +
                    $"was built for {numClasses} classes.");
            }
        }

        return labels;
    }

    /// <summary>Throws unless <paramref name="embeddings"/> is (n, <paramref name="embeddingSize"/>).</summary>
    public static void CheckDimension(string who, Tensor embeddings, int embeddingSize)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 2 || embeddings.Dim(1) != embeddingSize)
        {
            throw new ArgumentException(
                $"{who}: embeddings must be (batch, {embeddingSize}) as the loss was built for; got " +
                $"{embeddings.ShapeString}.");
        }
    }

    /// <summary>Throws unless the class count and embedding size are positive.</summary>
    public static void CheckSizes(string who, int numClasses, int embeddingSize)
    {
        if (numClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses),
                $"{who}: numClasses must be ≥ 1; got {numClasses}.");
        }

        if (embeddingSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(embeddingSize),
                $"{who}: embeddingSize must be ≥ 1; got {embeddingSize}.");
        }
    }

    /// <summary>PML's miner weights as a tensor (n), or null when there are no tuples (every weight is 1).</summary>
    public static Tensor? MinerWeights(LossInput input, bool anchorsOnly) =>
        input.Tuples is null
            ? null
            : Tensor.FromArray(input.Tuples.ElementWeights(input.BatchSize, anchorsOnly), input.BatchSize);

    /// <summary>0, 1, ..., n − 1.</summary>
    public static int[] Range(int n) => Enumerable.Range(0, n).ToArray();
}
