using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// Random triplets per anchor, PML's <c>get_random_triplet_indices</c>: labels in ascending order; for each
/// anchor of a label, k triplets with a uniform positive and a uniform (or weighted) negative.
/// </summary>
internal static class RandomTriplets
{
    // weights: (batch, reference) row-major or null. perAnchor 0 means "as many as the label's reference count".
    public static TripletIndices Sample(int[] labels, int[] refLabels, bool excludeSelf, int perAnchor, Rng rng,
        float[]? weights)
    {
        if (weights is not null && weights.Length != labels.Length * refLabels.Length)
        {
            throw new ArgumentException(
                $"Negative weights must be batch × reference = {labels.Length} × {refLabels.Length} values; got " +
                $"{weights.Length}.", nameof(weights));
        }

        var groups = LabelGroups.Create(labels, refLabels, excludeSelf);
        var (a, p, n) = (new List<int>(), new List<int>(), new List<int>());
        foreach (int label in labels.Distinct().Order())
        {
            int classSize = refLabels.Count(l => l == label);
            int k = perAnchor > 0 ? perAnchor : classSize;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != label || groups.Positives(i).Length == 0 || groups.Negatives(i).Length == 0)
                {
                    continue;
                }

                AddAnchor(i, k, groups, rng, weights, refLabels.Length, a, p, n);
            }
        }

        return new TripletIndices([.. a], [.. p], [.. n]);
    }

    private static void AddAnchor(int i, int k, LabelGroups groups, Rng rng, float[]? weights, int refSize,
        List<int> a, List<int> p, List<int> n)
    {
        var positives = groups.Positives(i);
        var negatives = groups.Negatives(i);
        ReadOnlySpan<float> row = weights is null ? default : weights.AsSpan(i * refSize, refSize);
        double total = 0;
        if (weights is not null)
        {
            foreach (int j in negatives)
            {
                total += row[j];
            }

            if (!(total > 0))
            {
                return;
            }
        }

        for (int t = 0; t < k; t++)
        {
            a.Add(i);
            p.Add(positives[rng.NextInt(positives.Length)]);
            n.Add(weights is null ? negatives[rng.NextInt(negatives.Length)] : Draw(negatives, row, total, rng));
        }
    }

    // Inverse-CDF draw of a negative in proportion to its weight.
    private static int Draw(ReadOnlySpan<int> negatives, ReadOnlySpan<float> row, double total, Rng rng)
    {
        double u = rng.NextDouble() * total;
        double acc = 0;
        int last = negatives[0];
        foreach (int j in negatives)
        {
            if (row[j] <= 0)
            {
                continue;
            }

            acc += row[j];
            last = j;
            if (u < acc)
            {
                return j;
            }
        }

        return last;
    }
}
