using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// A reducer per sub-loss name, with a default for the others (PML's <c>MultipleReducers</c>); the loss adds the
/// reduced sub-losses. A loss given a plain reducer uses it for every sub-loss, which is what PML's automatic
/// per-sub-loss copies amount to.
/// </summary>
public sealed class MultipleReducers : Reducer
{
    private readonly Dictionary<string, Reducer> _reducers;

    /// <summary>
    /// Creates the combinator; <paramref name="defaultReducer"/> defaults to a <see cref="MeanReducer"/>.
    /// </summary>
    public MultipleReducers(IReadOnlyDictionary<string, Reducer> reducers, Reducer? defaultReducer = null)
    {
        ArgumentNullException.ThrowIfNull(reducers);
        _reducers = new Dictionary<string, Reducer>(reducers, StringComparer.Ordinal);
        if (_reducers.Values.Any(r => r is MultipleReducers) || defaultReducer is MultipleReducers)
        {
            throw new ArgumentException("MultipleReducers cannot nest another MultipleReducers.", nameof(reducers));
        }

        Default = defaultReducer ?? new MeanReducer();
    }

    /// <summary>The reducer for sub-losses without their own.</summary>
    public Reducer Default { get; }

    /// <summary>The sub-loss names with their own reducer.</summary>
    public IReadOnlyCollection<string> Names => _reducers.Keys;

    /// <inheritdoc/>
    public override Reducer ForSubLoss(string name) => _reducers.GetValueOrDefault(name) ?? Default;

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context) =>
        throw new InvalidOperationException("MultipleReducers delegates every sub-loss; this is not reached.");

    /// <inheritdoc/>
    public override string ToString() =>
        $"MultipleReducers({string.Join(", ", _reducers.Select(kv => $"{kv.Key}: {kv.Value}"))}; default {Default})";
}
