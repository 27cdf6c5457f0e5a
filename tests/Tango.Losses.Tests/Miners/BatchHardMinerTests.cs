using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class BatchHardMinerTests
{
    [Fact]
    public void MinesPmlsTriplets()
    {
        var r = MinerReference.Load("BatchHardMiner");
        r.AssertSameTuples(new BatchHardMiner().Mine(r.Embeddings, r.Labels), sameOrder: true);
    }
}
