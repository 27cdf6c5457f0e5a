using Tango.Core;
using Tango.Search.Kernels;

namespace Tango.Search.Tests.Kernels;

public class ReservoirTests
{
    [Fact]
    public void KeepsExactlyWhatTheHeapKeeps_WithTies_AsAValidHeap()
    {
        var rng = new Rng(9);
        for (int trial = 0; trial < 100; trial++)
        {
            int k = 1 + rng.NextInt(40), n = rng.NextInt(400);
            var reservoir = new Reservoir(k);
            var hs = new float[k];
            var hi = new int[k];
            NeighborHeap.Reset(hs, hi);
            for (int pass = 0; pass < 2; pass++)
            {
                reservoir.Reset();
                NeighborHeap.Reset(hs, hi);
                for (int id = 0; id < n; id++)
                {
                    float s = rng.NextInt(30);
                    if (s >= reservoir.ThresholdScore)
                    {
                        reservoir.Offer(s, id);
                    }

                    NeighborHeap.Push(hs, hi, s, id);
                }

                var rs = new float[k];
                var ri = new int[k];
                reservoir.WriteHeap(rs, ri);
                // A valid heap: pushing a candidate worse than everything changes nothing; sorting gives the heap's.
                NeighborHeap.SortBestFirst(rs, ri);
                NeighborHeap.SortBestFirst(hs, hi);
                Assert.Equal(hs, rs);
                Assert.Equal(hi, ri);
            }
        }
    }
}
