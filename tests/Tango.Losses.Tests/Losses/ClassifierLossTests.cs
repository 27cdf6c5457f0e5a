using Tango.Core;
using Tango.NN;
using Tango.NN.Optimizers;

namespace Tango.Losses.Tests.Losses;

public class ClassifierLossTests
{
    // The class parameters train with the model through one optimizer, like any module's.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainsWithTheModelAndItsLogitsClassify(int kind)
    {
        var rng = new Rng(3);
        var (x, labels) = Blobs(rng, perClass: 10, classes: 3, dim: 6);
        var model = new Linear(6, 4, rng: rng);
        ClassifierLoss loss = kind switch
        {
            0 => new ArcFaceLoss(3, 4, scale: 16f, rng: rng),
            1 => new SoftTripleLoss(3, 4, centersPerClass: 2, rng: rng),
            _ => new ProxyNcaLoss(3, 4, softmaxScale: 4f, rng: rng),
        };
        var opt = new AdamW([.. model.Parameters(), .. loss.Parameters()], lr: 0.05f, weightDecay: 0f);
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            opt.ZeroGrad();
            var value = loss.Compute(model.Forward(x), labels);
            value.Backward();
            opt.Step();
            (first, last) = step == 0 ? (value.Item(), value.Item()) : (first, value.Item());
        }

        Assert.True(last < 0.5f * first, $"{loss.GetType().Name}: loss {first} -> {last}.");
        var predicted = loss.Logits(model.Forward(x)).ArgMax(1);
        Assert.True(predicted.Zip(labels).Count(p => p.First == p.Second) >= 27, "accuracy below 90%");
    }

    [Fact]
    public void LogitsRejectTheWrongDimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CosFaceLoss(3, 4).Logits(SeededCases.Normal(1, 2, 5)));
        Assert.Contains("(batch, 4)", ex.Message, StringComparison.Ordinal);
    }

    private static (Tensor X, int[] Labels) Blobs(Rng rng, int perClass, int classes, int dim)
    {
        var centres = Tensor.RandomNormal(rng, classes, dim, std: 2f).ToArray();
        var values = new float[perClass * classes * dim];
        var labels = new int[perClass * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % classes;
            for (int k = 0; k < dim; k++)
            {
                values[i * dim + k] = centres[labels[i] * dim + k] + 0.5f * rng.NextNormal();
            }
        }

        return (Tensor.FromArray(values, labels.Length, dim), labels);
    }
}
