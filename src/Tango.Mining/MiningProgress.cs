namespace Tango.Mining;

/// <summary>Progress of a mining run: queries finished so far out of the queries that have positives.</summary>
/// <param name="QueriesDone">Queries whose negatives are chosen.</param>
/// <param name="QueryCount">Queries to mine in total.</param>
public readonly record struct MiningProgress(int QueriesDone, int QueryCount);
