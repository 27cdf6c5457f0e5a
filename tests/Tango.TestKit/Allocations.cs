namespace Tango.TestKit;

/// <summary>Measures steady-state allocation of an action on the current thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Bytes allocated by <paramref name="action"/> in the least-allocating of several runs. One-off runtime work
    /// (tiered re-JIT, call-counting stubs) can allocate during any single run; per-call garbage shows in all.
    /// </summary>
    public static long LeastPerRun(Action action, int runs = 5)
    {
        long least = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
