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
/// <param name="ClassifiesByLabel">True for the proxy and classification losses: every element has its class's
/// weights to learn from, tuples only weight elements, and empty tuples mean "all elements" (PML's
/// <c>convert_to_weights</c>), so the empty-tuple check compares with no tuples instead of expecting 0.</param>
/// <param name="PermutationInvariant">False for losses whose definition depends on the batch order (NPairs takes
/// the first pair per label; Instance reads a label's rank as a column of the batch similarity matrix).</param>
/// <param name="AlwaysLearns">True for losses with no batch of several elements free of loss and no tuples to
/// empty (a cross-entropy over the batch, a proxy graph, VICReg's variance terms, RankedList's negatives): the
/// empty-tuple check is skipped (their own tests cover their zero cases).</param>
public sealed record LossContractCase(string Name, Func<IMetricLoss> Create, bool SelectsByTuples = true,
    bool LabelRenamingInvariant = true, bool ClassifiesByLabel = false, bool PermutationInvariant = true,
    bool AlwaysLearns = false)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
