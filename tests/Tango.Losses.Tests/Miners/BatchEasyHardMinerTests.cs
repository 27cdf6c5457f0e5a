using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class BatchEasyHardMinerTests
{
    [Theory]
    [InlineData("BatchEasyHardMiner_default", BatchMiningStrategy.Easy, BatchMiningStrategy.SemiHard)]
    [InlineData("BatchEasyHardMiner_hard_hard", BatchMiningStrategy.Hard, BatchMiningStrategy.Hard)]
    [InlineData("BatchEasyHardMiner_all_hard", BatchMiningStrategy.All, BatchMiningStrategy.Hard)]
    public void MinesPmlsPairs(string name, BatchMiningStrategy pos, BatchMiningStrategy neg)
    {
        var r = MinerReference.Load(name);
        r.AssertSameTuples(new BatchEasyHardMiner(pos, neg).Mine(r.Embeddings, r.Labels), sameOrder: true);
    }

    [Fact]
    public void SemiHardPositiveIsCloserThanTheChosenNegativeWithASimilarity()
    {
        var x = SeededCases.Normal(9, 12, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var cos = new CosineSimilarity();
        var s = cos.Matrix(x);
        var pairs = new BatchEasyHardMiner(BatchMiningStrategy.Hard, BatchMiningStrategy.SemiHard, distance: cos)
            .Mine(x, labels);
        Assert.True(pairs.PositiveCount > 0);
        for (int k = 0; k < pairs.PositiveCount; k++)
        {
            int a = pairs.A1[k];
            Assert.Equal(a, pairs.A2[k]);
            float sp = s[a, pairs.P[k]], sn = s[a, pairs.N[k]];
            Assert.True(sn < sp, "the semi-hard negative is less similar than the hardest positive");
            for (int j = 0; j < 12; j++)
            {
                if (labels[j] != labels[a] && s[a, j] < sp)
                {
                    Assert.True(s[a, j] <= sn, "and is the most similar such negative");
                }
            }
        }
    }

    [Fact]
    public void AllowedRangesExcludeValues()
    {
        var x = SeededCases.Normal(2, 12, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var d = new LpDistance().Matrix(x);
        var pairs = new BatchEasyHardMiner(BatchMiningStrategy.Hard, BatchMiningStrategy.Hard, (0f, 1f), (0.8f, 2f))
            .Mine(x, labels);
        for (int k = 0; k < pairs.PositiveCount; k++)
        {
            Assert.InRange(d[pairs.A1[k], pairs.P[k]], 0f, 1f);
            Assert.InRange(d[pairs.A2[k], pairs.N[k]], 0.8f, 2f);
        }
    }

    [Fact]
    public void RejectsInvalidCombinations()
    {
        Assert.Throws<ArgumentException>(() =>
            new BatchEasyHardMiner(BatchMiningStrategy.SemiHard, BatchMiningStrategy.SemiHard));
        Assert.Throws<ArgumentException>(() =>
            new BatchEasyHardMiner(BatchMiningStrategy.All, BatchMiningStrategy.SemiHard));
    }
}
