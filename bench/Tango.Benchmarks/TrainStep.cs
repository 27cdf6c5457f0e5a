using System.Diagnostics;
using System.Globalization;
using Tango.Core;
using Tango.Core.Memory;
using Tango.NN;
using Tango.NN.Optimizers;

namespace Tango.Benchmarks;

/// <summary>
/// `--train-step`: one training step (forward, backward, AdamW) of an MLP 784→512→256→128 at batch 256 with a
/// mean-squared-error loss against a fixed target — the same step as bench/compare/mlp_step.py runs in PyTorch.
/// Prints the median, p10 and p90 milliseconds per step and the bytes allocated per steady-state step.
/// </summary>
internal static class TrainStep
{
    public static void Run(string[] args)
    {
        int steps = Options.Int(args, "--steps", 200);
        int batch = Options.Int(args, "--batch", 256);
        var rng = new Rng(0);
        var model = new Sequential(
            new Linear(784, 512, rng: rng), new Relu(),
            new Linear(512, 256, rng: rng), new Relu(),
            new Linear(256, 128, rng: rng));
        var opt = new AdamW(model.Parameters(), lr: 1e-3f, weightDecay: 1e-2f);
        var x = Tensor.RandomNormal(rng, batch, 784);
        var target = Tensor.RandomNormal(rng, batch, 128);

        void Step()
        {
            using var scope = TensorScope.Begin();
            opt.ZeroGrad();
            var diff = model.Forward(x).Sub(target);
            diff.Mul(diff).Mean().Backward();
            opt.Step();
        }

        for (int i = 0; i < 20; i++)
        {
            Step();
        }

        var times = new double[steps];
        long allocated = 0;
        for (int i = 0; i < steps; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            Step();
            times[i] = sw.Elapsed.TotalMilliseconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"tango\": \"{typeof(Tensor).Assembly.GetName().Version}\", \"batch\": {batch}, " +
            $"\"median_ms\": {times[steps / 2]:F3}, \"p10_ms\": {times[steps / 10]:F3}, " +
            $"\"p90_ms\": {times[9 * steps / 10]:F3}, \"allocated_bytes_per_step\": {allocated / steps}}}"));
    }
}
