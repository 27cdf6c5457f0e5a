namespace Tango.Losses.Tests.Contracts;

/// <summary>
/// A loss under the contract suite: a factory (called afresh for every computation, so stateful losses start
/// clean) and what the loss promises.
/// </summary>
/// <param name="Name">Shown in test names.</param>
/// <param name="Create">Builds the loss.</param>
/// <param name="SelectsByTuples">Whether empty tuples mean "nothing to learn" (false: NCA only weights by them,
/// cross-batch memory adds them to its own).</param>
/// <param name="LabelRenamingInvariant">False for losses indexing per-class values by label.</param>
public sealed record LossContractCase(string Name, Func<IMetricLoss> Create, bool SelectsByTuples = true,
    bool LabelRenamingInvariant = true)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
