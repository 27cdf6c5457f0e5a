using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>Runs a loss on a reference case's inputs and checks value and gradients.</summary>
public static class ReferenceRunner
{
    /// <summary>
    /// Computes <paramref name="loss"/> on the case's embeddings and labels, with the case's mined tuples when it
    /// used a miner (or <paramref name="tuples"/> when given), and checks the value and the embedding gradient.
    /// </summary>
    public static Tensor Check(ReferenceCase c, IMetricLoss loss, IndexTuples? tuples = null,
        double lossRelative = ReferenceAssert.LossRelative, double gradientSlack = 1)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(loss);
        var x = c.EmbeddingTensor();
        var value = loss.Compute(x, c.Labels, tuples ?? c.Tuples());
        value.Backward();
        ReferenceAssert.Loss(c, value.Item(), lossRelative);
        ReferenceAssert.Gradient(c, c.Grad64!, x.Grad!.ToArray(), "grad_embeddings", gradientSlack);
        return x;
    }
}
