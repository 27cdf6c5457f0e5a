using Tango.Core;
using Tango.Core.Autograd;
using Tango.Losses.Retrieval;
using Tango.NN;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// Gradient caching: the encoder's gradients equal the uncached loss's to 1e-5, and the live memory during a step
/// stays bounded by the mini-batch as the batch grows.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class CachedLossTests
{
    private static Sequential Encoder(ulong seed, int input = 6, int hidden = 24, int output = 8)
    {
        var rng = new Rng(seed);
        return new Sequential(new Linear(input, hidden, rng: rng), new Tanh(), new Linear(hidden, output, rng: rng));
    }

    private static Tensor[] Inputs(ulong seed, int columns, int n, int d = 6) =>
        [.. Enumerable.Range(0, columns).Select(c => SeededCases.Normal(seed + (ulong)c, n, d))];

    // The encoder's parameter gradients from the plain (uncached) loss on the whole batch.
    private static (float Loss, float[][] Grads) Uncached(Module encoder, Tensor[] inputs,
        Func<IReadOnlyList<Tensor>, Tensor> loss)
    {
        encoder.ZeroGrad();
        var value = loss([.. inputs.Select(encoder.Forward)]);
        value.Backward();
        return (value.Item(), [.. encoder.Parameters().Select(p => p.Grad!.ToArray())]);
    }

    private static void AssertSameGradients(float[][] expected, Module encoder)
    {
        var actual = encoder.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        for (int k = 0; k < expected.Length; k++)
        {
            double scale = expected[k].Max(MathF.Abs);
            for (int i = 0; i < expected[k].Length; i++)
            {
                Assert.True(Math.Abs(expected[k][i] - actual[k][i]) <= 1e-5 * scale + 1e-9,
                    $"Parameter {k}[{i}]: uncached {expected[k][i]:G8}, cached {actual[k][i]:G8}.");
            }
        }
    }

    public static TheoryData<string, int, int> Configurations => new()
    {
        { "mnrl", 7, 3 }, { "mnrl", 1, 2 }, { "mnrl", 20, 4 }, { "symmetric", 6, 2 }, { "matryoshka", 5, 3 },
        { "megabatch", 4, 2 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Encoder_gradients_equal_the_uncached_loss(string which, int miniBatch, int columns)
    {
        IColumnLoss loss = which switch
        {
            "symmetric" => new MultipleNegativesRankingLoss(symmetric: true),
            "matryoshka" => new MatryoshkaLoss(new MultipleNegativesRankingLoss(), [8, 4, 2], [1f, 0.5f, 0.25f]),
            "megabatch" => new MegaBatchMarginLoss(),
            _ => new MultipleNegativesRankingLoss(),
        };
        var encoder = Encoder(11);
        var inputs = Inputs(3, columns, 20);
        var (expectedLoss, expected) = Uncached(encoder, inputs, c => loss.Compute(c));
        encoder.ZeroGrad();
        float value = new CachedColumnLoss(loss, miniBatch).Step(inputs, encoder);
        Tolerance.Close(expectedLoss, value, rtol: 1e-5, atol: 1e-7, what: "loss");
        AssertSameGradients(expected, encoder);
    }

    [Fact]
    public void Cached_gist_equals_gist_with_a_module_encoder_and_guide()
    {
        var encoder = Encoder(5);
        var guide = Encoder(6, output: 5);
        var inputs = Inputs(9, 3, 17);
        var gist = new GistEmbedLoss(temperature: 0.05f, margin: 0.1f);
        Tensor[] guideColumns;
        using (Tensor.NoGrad())
        {
            guideColumns = [.. inputs.Select(guide.Forward)];
        }

        var (expectedLoss, expected) = Uncached(encoder, inputs, c => gist.Compute(c, guideColumns));
        encoder.ZeroGrad();
        float value = new CachedGistEmbedLoss(4, temperature: 0.05f, margin: 0.1f).Step(inputs, encoder, guide);
        Tolerance.Close(expectedLoss, value, rtol: 1e-5, atol: 1e-7, what: "loss");
        AssertSameGradients(expected, encoder);
        Assert.All(guide.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Peak_live_memory_is_bounded_by_the_mini_batch()
    {
        // A wide hidden layer makes the encoder's graph the dominant memory: 1024 floats per row and layer.
        // Uncached, the graph of the whole batch is alive at once; cached, one mini-batch's. The peak is sampled
        // while the encoder runs with a graph (the loss's own score blocks are bounded separately, by the kernel).
        long cachedSmall = CachedPeak(256), cachedLarge = CachedPeak(2048);
        long plainSmall = UncachedPeak(256), plainLarge = UncachedPeak(2048);
        long cachedGrowth = cachedLarge - cachedSmall, plainGrowth = plainLarge - plainSmall;
        Assert.True(plainGrowth > 12L << 20,
            $"The uncached graph should grow by > 12 MiB; grew {plainGrowth >> 10} KiB.");
        Assert.True(cachedGrowth < 3L << 20,
            $"Cached peak grew by {cachedGrowth >> 10} KiB from batch 256 to 2048 " +
            $"(uncached: {plainGrowth >> 10} KiB).");
    }

    private static long CachedPeak(int n)
    {
        var encoder = Encoder(1, input: 8, hidden: 1024, output: 8);
        var inputs = Inputs(2, 2, n, 8);
        long peak = 0;
        Tensor Measured(Tensor x)
        {
            var y = encoder.Forward(x);
            if (GradMode.IsEnabled)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }

            return y;
        }

        Core.Memory.BufferPool.Clear();
        new CachedMultipleNegativesRankingLoss(64).Step(inputs, Measured);
        return peak;
    }

    private static long UncachedPeak(int n)
    {
        var encoder = Encoder(1, input: 8, hidden: 1024, output: 8);
        var inputs = Inputs(2, 2, n, 8);
        Core.Memory.BufferPool.Clear();
        var columns = inputs.Select(encoder.Forward).ToArray();
        long peak = GC.GetTotalMemory(forceFullCollection: true);
        new MultipleNegativesRankingLoss().Compute(columns).Backward();
        GC.KeepAlive(columns);
        return peak;
    }

    [Fact]
    public void Encoder_with_the_wrong_output_rows_is_reported()
    {
        var inputs = Inputs(1, 2, 6);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            new CachedMultipleNegativesRankingLoss(4).Step(inputs, x => x.Slice(0, 0, 1)));
        Assert.Contains("encoder", ex.Message);
    }
}
