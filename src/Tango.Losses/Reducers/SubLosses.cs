using System.Collections;

namespace Tango.Losses;

/// <summary>A loss's unreduced output: its sub-losses in order, by name (PML's loss dictionary).</summary>
public sealed class SubLosses : IReadOnlyList<SubLoss>
{
    private readonly List<SubLoss> _items = [];

    /// <summary>An empty set.</summary>
    public SubLosses()
    {
    }

    /// <summary>A set holding <paramref name="items"/> in order.</summary>
    public SubLosses(IEnumerable<SubLoss> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public SubLoss this[int index] => _items[index];

    /// <summary>The sub-loss named <paramref name="name"/>.</summary>
    public SubLoss this[string name] => _items.Find(s => s.Name == name)
        ?? throw new KeyNotFoundException(
            $"No sub-loss named '{name}'; there are: {string.Join(", ", _items.Select(s => s.Name))}.");

    /// <summary>The names in order.</summary>
    public IEnumerable<string> Names => _items.Select(s => s.Name);

    /// <summary>Adds a sub-loss; names are unique.</summary>
    public void Add(SubLoss subLoss)
    {
        ArgumentNullException.ThrowIfNull(subLoss);
        if (_items.Exists(s => s.Name == subLoss.Name))
        {
            throw new ArgumentException($"A sub-loss named '{subLoss.Name}' is already present.", nameof(subLoss));
        }

        _items.Add(subLoss);
    }

    /// <inheritdoc/>
    public IEnumerator<SubLoss> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
