using Tango.Core;

namespace Tango.Losses.Tests.Tuples;

public class TripletIndicesTests
{
    [Fact]
    public void AllFromIsAnchorPositiveNegativeOrdered()
    {
        var t = TripletIndices.AllFrom([0, 1, 0, 1]);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], t.A);
        Assert.Equal([2, 2, 3, 3, 0, 0, 1, 1], t.P);
        Assert.Equal([1, 3, 0, 2, 1, 3, 0, 2], t.N);
    }

    [Fact]
    public void AllFromMatchesPairConversion()
    {
        int[] labels = [3, 1, 3, 2, 1, 3, 2];
        Assert.Equal(TripletIndices.AllFrom(labels), PairIndices.AllFrom(labels).ToTriplets());
    }

    [Fact]
    public void RandomDrawsPerAnchorInLabelOrder()
    {
        int[] labels = [2, 0, 2, 0, 1];
        var t = TripletIndices.Random(labels, 3, new Rng(1));
        // label 1 has a single member: no positive, no triplets; labels 0 then 2.
        Assert.Equal([1, 1, 1, 3, 3, 3, 0, 0, 0, 2, 2, 2], t.A);
        for (int k = 0; k < t.Count; k++)
        {
            Assert.Equal(labels[t.A[k]], labels[t.P[k]]);
            Assert.NotEqual(t.A[k], t.P[k]);
            Assert.NotEqual(labels[t.A[k]], labels[t.N[k]]);
        }

        Assert.Equal(t, TripletIndices.Random(labels, 3, new Rng(1)));
    }

    [Fact]
    public void RandomRespectsNegativeWeights()
    {
        int[] labels = [0, 0, 1, 2];
        var w = new float[16];
        w[0 * 4 + 3] = 1f; // anchor 0 may only draw negative 3
        w[1 * 4 + 2] = 1f; // anchor 1 only 2
        var t = TripletIndices.Random(labels, 4, new Rng(5), negativeWeights: w);
        for (int k = 0; k < t.Count; k++)
        {
            Assert.Equal(t.A[k] == 0 ? 3 : 2, t.N[k]);
        }
    }

    [Fact]
    public void ToPairsRepeatsTheAnchor()
    {
        var p = new TripletIndices([0, 1], [2, 3], [4, 5]).ToPairs();
        Assert.Equal(p.A1, p.A2);
        Assert.Equal([4, 5], p.N);
    }
}
