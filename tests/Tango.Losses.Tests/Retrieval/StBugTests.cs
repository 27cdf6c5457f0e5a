using Tango.Core;
using Tango.Losses.Retrieval;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// The reference cases where sentence-transformers 5.2.0.dev0 is wrong: Tango's correct behaviour, with the
/// library's number shown to be the buggy one.
/// </summary>
public sealed class StBugTests
{
    [Theory]
    [InlineData("EUCLIDEAN", TripletDistanceMetric.Euclidean)]
    [InlineData("MANHATTAN", TripletDistanceMetric.Manhattan)]
    public void Triplet_loss_uses_distances_not_negated_distances(string metric, TripletDistanceMetric kind)
    {
        var check = StReference.Root.GetProperty("triplet_sign_check").GetProperty(metric);
        double textbook = check.GetProperty("textbook_relu(dap-dan+m)").GetDouble();
        double library = check.GetProperty("library").GetDouble();
        var cols = StReference.Leaves("A", "P", "N");
        var loss = new TripletLoss(kind, 5f).Compute(cols);
        Tolerance.Close(textbook, loss.Item(), rtol: 1e-5, atol: 1e-6, what: $"{metric} triplet loss");
        Assert.True(Math.Abs(loss.Item() - library) > 1, "Tango must not reproduce the library's sign error.");

        // The gradient pulls the anchor towards its positive: a small step along −grad lowers d(a, p) − d(a, n).
        loss.Backward();
        var a = cols[0].ToArray();
        var ga = cols[0].Grad!.ToArray();
        var p = cols[1].ToArray();
        var n = cols[2].ToArray();
        double before = Gap(a, p, n, kind), after = Gap([.. a.Select((v, i) => v - 1e-3f * ga[i])], p, n, kind);
        Assert.True(after < before, $"A step against the gradient must shrink d(a,p) − d(a,n): {before} → {after}.");
    }

    [Fact]
    public void Mini_batched_mega_batch_margin_gives_the_full_batch_value_and_gradient()
    {
        // sentence-transformers returns the last mini-batch's loss (0.5835) and leaves rows 0-3 without gradient;
        // the cached form keeps the full-batch loss and every row's gradient.
        const string full = "MegaBatchMargin_full";
        var inputs = StReference.Leaves("A", "P");
        double value = new CachedColumnLoss(new MegaBatchMarginLoss(), miniBatchSize: 4).Step(inputs, x => x);
        StReference.AssertMatches(full, value, [.. inputs.Select(x => x.Grad!.ToArray())]);
        double buggy = StReference.Loss("MegaBatchMargin_minibatched_mb4");
        Assert.True(Math.Abs(value - buggy) > 0.1);
        var anchorGrad = inputs[0].Grad!.ToArray();
        for (int row = 0; row < 4; row++)
        {
            Assert.Contains(anchorGrad.Skip(row * 16).Take(16), g => g != 0f);
        }
    }

    private static double Gap(float[] a, float[] p, float[] n, TripletDistanceMetric kind)
    {
        double sum = 0;
        for (int i = 0; i < 8; i++)
        {
            sum += Dist(a, p, i, kind) - Dist(a, n, i, kind);
        }

        return sum;
    }

    private static double Dist(float[] x, float[] y, int row, TripletDistanceMetric kind)
    {
        double s = 0;
        for (int k = 0; k < 16; k++)
        {
            double d = x[row * 16 + k] - y[row * 16 + k];
            s += kind == TripletDistanceMetric.Euclidean ? d * d : Math.Abs(d);
        }

        return kind == TripletDistanceMetric.Euclidean ? Math.Sqrt(s) : s;
    }
}
