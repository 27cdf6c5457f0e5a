using Tango.Core;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class CrossBatchMemoryTests
{
    // CrossBatchMemory(ContrastiveLoss(), D, memory_size=2N): first call with rows 0..N/2−1, second with the rest.
    [Fact]
    public void MatchesPmlOverTwoCalls()
    {
        var c = ReferenceCase.Load("CrossBatchMemory_ContrastiveLoss");
        int h = c.Rows / 2;
        var xbm = new CrossBatchMemory(new ContrastiveLoss(), c.Dim, memorySize: 2 * c.Rows);
        var first = Half(c, 0, h);
        var l1 = xbm.Compute(first, c.Labels[..h]);
        l1.Backward();
        var f64 = c.Document.GetProperty("float64");
        Tolerance.Close(f64.GetProperty("loss_first_call").GetDouble(), l1.Item(), rtol: 1e-4, what: "first loss");
        ReferenceAssert.Gradient(c, Json.Doubles(f64.GetProperty("grad_first_call")), first.Grad!.ToArray(), "grad 1");
        var second = Half(c, h, h);
        var l2 = xbm.Compute(second, c.Labels[h..]);
        l2.Backward();
        ReferenceAssert.Loss(c, l2.Item());
        ReferenceAssert.Gradient(c, c.Grad64!, second.Grad!.ToArray(), "grad 2");
        Assert.Equal(c.Rows, xbm.Count);
    }

    [Fact]
    public void QueueWrapsAndDropsSelfPairs()
    {
        var xbm = new CrossBatchMemory(new ContrastiveLoss(posMargin: 0.1f), 3, memorySize: 5);
        int[] labels = [0, 0, 1];
        xbm.Compute(SeededCases.Normal(1, 3, 3), labels);
        xbm.Compute(SeededCases.Normal(2, 3, 3), labels);
        Assert.Equal(5, xbm.Count);
        xbm.ResetQueue();
        Assert.Equal(0, xbm.Count);
        // With an empty memory the first batch sees only itself: positives (0, 1) and (1, 0), never (i, own slot).
        var loss = new CrossBatchMemory(
            new ContrastiveLoss(posMargin: 0f, reducer: new Tango.Losses.Reducers.SumReducer()), 3, 8);
        var x = SeededCases.Normal(3, 3, 3);
        float value = loss.Compute(x, labels).Item();
        float expected = new ContrastiveLoss(posMargin: 0f, reducer: new Tango.Losses.Reducers.SumReducer())
            .Compute(x, labels).Item();
        Tolerance.Close(expected, value, rtol: 1e-5);
    }

    [Fact]
    public void UsesItsMinerAndTheEnqueueMask()
    {
        var x = SeededCases.Normal(4, 8, 4);
        int[] labels = [0, 0, 1, 1, 2, 2, 3, 3];
        var xbm = new CrossBatchMemory(new TripletMarginLoss(0.5f), 4, 16, new TripletMarginMiner(0.5f));
        Assert.True(xbm.Compute(x, labels).Item() > 0);
        bool[] mask = [true, false, true, false, true, false, true, false];
        var masked = new CrossBatchMemory(new ContrastiveLoss(), 4, 16);
        masked.Compute(x, labels, null, mask);
        Assert.Equal(4, masked.Count);
        Assert.Throws<ArgumentException>(() => masked.Compute(x, labels, PairIndices.AllFrom(labels), mask));
    }

    private static Tensor Half(ReferenceCase c, int start, int rows)
    {
        var t = Tensor.FromArray(c.Embeddings.AsSpan(start * c.Dim, rows * c.Dim), rows, c.Dim);
        t.RequiresGrad = true;
        return t;
    }
}
