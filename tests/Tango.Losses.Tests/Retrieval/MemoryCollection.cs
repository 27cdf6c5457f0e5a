namespace Tango.Losses.Tests.Retrieval;

/// <summary>Tests that measure live memory run alone, so other tests' allocations do not disturb them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Live memory";
}
