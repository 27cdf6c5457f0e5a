using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class TripletMarginMinerTests
{
    [Theory]
    [InlineData("TripletMarginMiner_all_m0.2", TripletSelection.All)]
    [InlineData("TripletMarginMiner_hard_m0.2", TripletSelection.Hard)]
    [InlineData("TripletMarginMiner_semihard_m0.2", TripletSelection.SemiHard)]
    [InlineData("TripletMarginMiner_easy_m0.2", TripletSelection.Easy)]
    public void MinesPmlsTriplets(string name, TripletSelection selection)
    {
        var r = MinerReference.Load(name);
        var miner = new TripletMarginMiner((float)r.Kwarg("margin"), selection);
        r.AssertSameTuples(miner.Mine(r.Embeddings, r.Labels), sameOrder: true);
    }

    [Theory]
    [InlineData(TripletSelection.All)]
    [InlineData(TripletSelection.Hard)]
    [InlineData(TripletSelection.SemiHard)]
    [InlineData(TripletSelection.Easy)]
    public void SelectionsFollowTheirRuleWithASimilarity(TripletSelection selection)
    {
        var x = SeededCases.Normal(3, 14, 5);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4];
        var cos = new CosineSimilarity();
        var s = cos.Matrix(x);
        var t = new TripletMarginMiner(0.3f, selection, cos).Mine(x, labels);
        var all = TripletIndices.AllFrom(labels);
        int expected = 0;
        for (int k = 0; k < all.Count; k++)
        {
            float margin = s[all.A[k], all.P[k]] - s[all.A[k], all.N[k]];
            expected += selection switch
            {
                TripletSelection.Easy => margin > 0.3f,
                TripletSelection.Hard => margin <= 0,
                TripletSelection.SemiHard => margin > 0 && margin <= 0.3f,
                _ => margin <= 0.3f,
            } ? 1 : 0;
        }

        Assert.Equal(expected, t.Count);
        Assert.True(t.Count > 0);
    }
}
