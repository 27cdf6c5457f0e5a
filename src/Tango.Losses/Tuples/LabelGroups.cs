namespace Tango.Losses;

/// <summary>
/// For each batch element, its positives (reference indices with the same label, without itself when the
/// reference is the batch) and negatives (reference indices with another label), both ascending. Negatives are
/// shared per label, positives per element; memory is O(batch · class size + classes · reference).
/// </summary>
internal sealed class LabelGroups
{
    private readonly int[] _labels;
    private readonly int[][] _positives;
    private readonly Dictionary<int, int[]> _negativesByLabel;

    private LabelGroups(int[] labels, int[][] positives, Dictionary<int, int[]> negativesByLabel)
    {
        _labels = labels;
        _positives = positives;
        _negativesByLabel = negativesByLabel;
    }

    public int BatchSize => _labels.Length;

    public static LabelGroups Create(int[] labels, int[] refLabels, bool excludeSelf)
    {
        var byLabel = new Dictionary<int, List<int>>();
        for (int j = 0; j < refLabels.Length; j++)
        {
            if (!byLabel.TryGetValue(refLabels[j], out var list))
            {
                byLabel[refLabels[j]] = list = [];
            }

            list.Add(j);
        }

        var negatives = new Dictionary<int, int[]>();
        var positives = new int[labels.Length][];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (!negatives.ContainsKey(label))
            {
                negatives[label] = NegativesOf(label, refLabels);
            }

            positives[i] = byLabel.TryGetValue(label, out var same)
                ? [.. same.Where(j => !(excludeSelf && j == i))]
                : [];
        }

        return new LabelGroups(labels, positives, negatives);
    }

    public ReadOnlySpan<int> Positives(int i) => _positives[i];

    public ReadOnlySpan<int> Negatives(int i) => _negativesByLabel[_labels[i]];

    public long TripletCount()
    {
        long total = 0;
        for (int i = 0; i < _labels.Length; i++)
        {
            total += (long)_positives[i].Length * Negatives(i).Length;
        }

        return total;
    }

    private static int[] NegativesOf(int label, int[] refLabels)
    {
        var list = new List<int>(refLabels.Length);
        for (int j = 0; j < refLabels.Length; j++)
        {
            if (refLabels[j] != label)
            {
                list.Add(j);
            }
        }

        return [.. list];
    }
}
