using System.Globalization;

namespace Tango.Data;

/// <summary>
/// Class labels as dense integers 0..k−1 with the original label of each: <see cref="ClassNames"/>[c] is the text
/// that class c had in the file. Classes are numbered in sorted order of their original labels, numerically when
/// every label is an integer (so labels that already are 0..k−1 keep their values) and by ordinal string order
/// otherwise; the numbering therefore does not depend on the order of the rows.
/// </summary>
public sealed class LabelSet
{
    private readonly Dictionary<string, int> _index;

    private LabelSet(int[] labels, string[] classNames)
    {
        Labels = labels;
        ClassNames = classNames;
        _index = new Dictionary<string, int>(classNames.Length, StringComparer.Ordinal);
        for (int c = 0; c < classNames.Length; c++)
        {
            _index[classNames[c]] = c;
        }
    }

    /// <summary>The dense label of every row, in 0..<see cref="ClassCount"/>−1.</summary>
    public int[] Labels { get; }

    /// <summary>The original label of each dense class.</summary>
    public string[] ClassNames { get; }

    /// <summary>The number of distinct classes.</summary>
    public int ClassCount => ClassNames.Length;

    /// <summary>The mapping from original label to dense class.</summary>
    public IReadOnlyDictionary<string, int> Mapping => _index;

    /// <summary>The dense class of an original label, or −1 when it does not occur.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int c) ? c : -1;

    /// <summary>Numbers the distinct labels of <paramref name="raw"/> densely (see the class summary).</summary>
    public static LabelSet Encode(IReadOnlyList<string> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var distinct = raw.Distinct(StringComparer.Ordinal).ToArray();
        bool integers = distinct.All(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        var names = integers
            ? distinct.OrderBy(s => long.Parse(s, CultureInfo.InvariantCulture)).ThenBy(s => s, StringComparer.Ordinal)
                .ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
        var result = new LabelSet(new int[raw.Count], names);
        for (int i = 0; i < raw.Count; i++)
        {
            result.Labels[i] = result._index[raw[i]];
        }

        return result;
    }

    /// <summary>Numbers integer labels densely in increasing order of value.</summary>
    public static LabelSet Encode(IReadOnlyList<long> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var values = raw.Distinct().Order().ToArray();
        var names = Array.ConvertAll(values, v => v.ToString(CultureInfo.InvariantCulture));
        var result = new LabelSet(new int[raw.Count], names);
        var dense = new Dictionary<long, int>(values.Length);
        for (int c = 0; c < values.Length; c++)
        {
            dense[values[c]] = c;
        }

        for (int i = 0; i < raw.Count; i++)
        {
            result.Labels[i] = dense[raw[i]];
        }

        return result;
    }
}
