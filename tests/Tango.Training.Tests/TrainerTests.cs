using Tango.Core;
using Tango.Evaluation;
using Tango.Losses;
using Tango.Losses.Miners;
using Tango.NN;
using Tango.NN.Optimizers;
using Tango.NN.Schedules;

namespace Tango.Training.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tango-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void FourEpochsStraight_EqualTwoEpochsThenResumeFromCheckpoint_BitForBit()
    {
        var (x, y) = Blobs.Make(1, classes: 4, perClass: 40, dim: 12);
        var (vx, vy) = Blobs.Make(2, classes: 4, perClass: 20, dim: 12);

        var straight = Build(x, y, vx, vy, epochs: 4, checkpoint: null);
        var full = straight.Fit(x, y);

        string path = Path.Combine(_dir, "checkpoint.safetensors");
        var first = Build(x, y, vx, vy, epochs: 2, checkpoint: path);
        first.Fit(x, y);
        Assert.Equal(2, TrainingCheckpoint.ReadEpoch(path));
        // A fresh trainer with different initial weights: the checkpoint must overwrite all of them.
        var resumed = Build(x, y, vx, vy, epochs: 4, checkpoint: null, modelSeed: 99);
        resumed.LoadCheckpoint(path);
        Assert.Equal(2, resumed.Epoch);
        var rest = resumed.Fit(x, y);

        Assert.Equal(Bits(straight.Model), Bits(resumed.Model));
        Assert.Equal(full.History.Select(h => h.Loss), rest.History.Select(h => h.Loss));
        Assert.Equal(full.History.Select(h => h[AccuracyMetric.MeanAveragePrecisionAtR]),
            rest.History.Select(h => h[AccuracyMetric.MeanAveragePrecisionAtR]));
        Assert.Equal(straight.Optimizer.StepCount, resumed.Optimizer.StepCount);
        // The run moved: resuming from a checkpoint is not trivially equal to the start.
        Assert.NotEqual(Bits(Build(x, y, vx, vy, 4, null).Model), Bits(straight.Model));
    }

    [Fact]
    public void ClusteredHardBatches_ResumeAcrossARefresh_BitForBit()
    {
        // Refresh every 2 epochs: the clustering made at epoch 2 from the model of that time must come back from
        // the checkpoint written after epoch 3.
        var (x, y) = Blobs.Make(9, classes: 4, perClass: 32, dim: 12);
        Trainer Make(int epochs, string? checkpoint, ulong modelSeed = 0)
        {
            var model = new MlpSpec(12, [16], 8).Build(new Rng(modelSeed));
            var sampler = new Tango.Data.Sampling.ClusteredHardBatchSampler(y.Length, 32, 16, 2, seed: 5);
            return new Trainer(model, new MultiSimilarityLoss(), new AdamW(model.Parameters(), lr: 2e-3f), sampler,
                new TrainerOptions { Epochs = epochs, CheckpointPath = checkpoint, EvaluateEvery = 0 });
        }

        var straight = Make(5, null);
        straight.Fit(x, y);
        string path = Path.Combine(_dir, "hard.safetensors");
        Make(3, path).Fit(x, y);
        var resumed = Make(5, null, modelSeed: 3);
        resumed.LoadCheckpoint(path);
        resumed.Fit(x, y);
        Assert.Equal(Bits(straight.Model), Bits(resumed.Model));
    }

    [Fact]
    public void Training_RaisesHeldOutMapAtR_AndLowersTheLoss()
    {
        var (x, y) = Blobs.Make(3, classes: 6, perClass: 40, dim: 16);
        var (vx, vy) = Blobs.Make(3, classes: 6, perClass: 40, dim: 16); // same centres, fresh noise
        var trainer = Build(x, y, vx, vy, epochs: 12, checkpoint: null, lr: 3e-3f);
        var result = trainer.Fit(x, y);
        double before = result.History[0][AccuracyMetric.MeanAveragePrecisionAtR];
        double after = result.History[^1][AccuracyMetric.MeanAveragePrecisionAtR];
        Assert.True(after > before + 0.1, $"MAP@R {before:F3} -> {after:F3}");
        Assert.True(result.History[^1].Loss < result.History[1].Loss);
    }

    [Fact]
    public void EarlyStopping_WithNoImprovement_StopsAfterPatienceEvaluations_AndRestoresBest()
    {
        var (x, y) = Blobs.Make(4, classes: 4, perClass: 20, dim: 8);
        var trainer = Build(x, y, x, y, epochs: 10, checkpoint: null, lr: 0f,
            early: new EarlyStopping(AccuracyMetric.MeanAveragePrecisionAtR, Patience: 2));
        var result = trainer.Fit(x, y);
        Assert.True(result.StoppedEarly);
        Assert.Equal(2, result.LastEpoch);
        Assert.Equal(0, result.BestEpoch);
        Assert.Equal(result.History[0][AccuracyMetric.MeanAveragePrecisionAtR], result.BestValue);
    }

    [Fact]
    public void EarlyStopping_WhenMetricImproves_KeepsGoing()
    {
        var (x, y) = Blobs.Make(5, classes: 6, perClass: 40, dim: 16);
        var trainer = Build(x, y, x, y, epochs: 6, checkpoint: null, lr: 3e-3f,
            early: new EarlyStopping(AccuracyMetric.PrecisionAt1, Patience: 50));
        var result = trainer.Fit(x, y);
        Assert.False(result.StoppedEarly);
        Assert.Equal(6, result.LastEpoch);
        Assert.True(result.BestEpoch > 0);
    }

    [Fact]
    public void Events_ReportEveryBatchAndEpoch()
    {
        var (x, y) = Blobs.Make(6, classes: 4, perClass: 16, dim: 8);
        var trainer = Build(x, y, x, y, epochs: 3, checkpoint: null);
        var batches = new List<BatchCompletedEventArgs>();
        var epochs = new List<int>();
        trainer.BatchCompleted += (_, e) => batches.Add(e);
        trainer.EpochCompleted += (_, e) => epochs.Add(e.Record.Epoch);
        trainer.Fit(x, y);
        Assert.Equal([0, 1, 2, 3], epochs);
        Assert.Equal(3 * trainer.Sampler.BatchesPerEpoch, batches.Count);
        Assert.Equal(Enumerable.Range(1, batches.Count).Select(i => (long)i), batches.Select(b => b.Step));
        Assert.All(batches, b => Assert.True(double.IsFinite(b.Loss)));
    }

    [Fact]
    public void LoadCheckpoint_OfAnotherArchitecture_NamesTheMismatch()
    {
        var (x, y) = Blobs.Make(7, classes: 4, perClass: 16, dim: 8);
        string path = Path.Combine(_dir, "c.safetensors");
        Build(x, y, x, y, epochs: 1, checkpoint: path).Fit(x, y);
        var (x2, y2) = Blobs.Make(7, classes: 4, perClass: 16, dim: 10);
        var other = Build(x2, y2, x2, y2, epochs: 2, checkpoint: null);
        var ex = Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(path));
        Assert.Contains("0.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCheckpoint_OfAPlainSafetensorsFile_SaysItIsNotACheckpoint()
    {
        string path = Path.Combine(_dir, "plain.safetensors");
        Directory.CreateDirectory(_dir);
        var model = new MlpSpec(4, [3], 2).Build(new Rng(0));
        Tango.NN.Serialization.SafeTensors.Save(path, model);
        var (x, y) = Blobs.Make(8, classes: 2, perClass: 16, dim: 4);
        var ex = Assert.Throws<InvalidDataException>(() => Build(x, y, x, y, 1, null).LoadCheckpoint(path));
        Assert.Contains("not a Tango checkpoint", ex.Message, StringComparison.Ordinal);
    }

    private static Trainer Build(Tensor x, int[] y, Tensor vx, int[] vy, int epochs, string? checkpoint,
        ulong modelSeed = 0, float lr = 2e-3f, EarlyStopping? early = null)
    {
        var model = new MlpSpec(x.Dim(1), [16], 8).Build(new Rng(modelSeed));
        var optimizer = new AdamW(model.Parameters(), lr: lr, weightDecay: 1e-4f);
        int batch = 32;
        return new Trainer(model, new MultiSimilarityLoss(), optimizer, new ShuffleSampler(y.Length, batch, 17),
            new TrainerOptions { Epochs = epochs, CheckpointPath = checkpoint, EarlyStopping = early })
        {
            Miner = new MultiSimilarityMiner(),
            Schedule = new CosineAnnealingLr(12 * (y.Length / batch)), // the same for every epoch count
            Evaluator = new HeldOutEvaluator(vx, vy),
        };
    }

    private static int[] Bits(Module model) =>
        [.. model.Parameters().SelectMany(p => p.ToArray()).Select(BitConverter.SingleToInt32Bits)];
}
