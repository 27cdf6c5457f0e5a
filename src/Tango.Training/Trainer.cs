using System.Diagnostics;
using Tango.Core;
using Tango.Core.Memory;
using Tango.Data.Sampling;
using Tango.Evaluation;
using Tango.Losses;
using Tango.Losses.Miners;
using Tango.NN;
using Tango.NN.Optimizers;
using Tango.NN.Schedules;

namespace Tango.Training;

/// <summary>
/// The training loop of an embedding model: each epoch draws batches of row indices from a sampler, embeds them,
/// optionally mines tuples, computes the metric loss, back-propagates and steps the optimizer (its learning rate
/// set by the schedule from the global step). Every <see cref="TrainerOptions.EvaluateEvery"/> epochs the model
/// is scored on a held-out set; early stopping watches one metric; a checkpoint (model, loss parameters,
/// optimizer state, history, early-stopping state, best weights) is written atomically after epochs, and
/// <see cref="LoadCheckpoint"/> followed by <see cref="Fit"/> continues the run with the same bits as an
/// uninterrupted one, given the same thread count and a sampler whose batches depend only on its seed and the
/// epoch (a <see cref="ClusteredHardBatchSampler"/> is refreshed here, at its refresh epochs, from the model's
/// embeddings of the training rows, and its clustering is part of the checkpoint).
/// </summary>
public sealed class Trainer
{
    private readonly List<EpochRecord> _history = [];
    private readonly Tensor[] _trainable;
    private Dictionary<string, float[]>? _bestWeights;
    private int _badEvaluations;
    private bool _stopped;

    /// <summary>Creates the trainer; the optimizer must cover the model's parameters (and the loss's, if any).
    /// </summary>
    public Trainer(Module model, IMetricLoss loss, Optimizer optimizer, IBatchSampler sampler,
        TrainerOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _trainable = [.. optimizer.Parameters];
    }

    /// <summary>Raised after every optimizer step.</summary>
    public event EventHandler<BatchCompletedEventArgs>? BatchCompleted;

    /// <summary>Raised after every epoch (and after the evaluation before training, as epoch 0).</summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>The model trained.</summary>
    public Module Model { get; }

    /// <summary>The loss.</summary>
    public IMetricLoss Loss { get; }

    /// <summary>The miner whose tuples the loss sees, or null for all valid tuples.</summary>
    public Miner? Miner { get; init; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate schedule (per optimizer step), or null for a constant rate.</summary>
    public LrSchedule? Schedule { get; init; }

    /// <summary>The batch sampler over the training rows.</summary>
    public IBatchSampler Sampler { get; }

    /// <summary>The held-out evaluation, or null for none.</summary>
    public HeldOutEvaluator? Evaluator { get; init; }

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Epochs completed so far (after <see cref="LoadCheckpoint"/>, the checkpoint's).</summary>
    public int Epoch { get; private set; }

    /// <summary>The history so far, epoch 0 (before training) first when it was evaluated.</summary>
    public IReadOnlyList<EpochRecord> History => _history;

    /// <summary>The best value of the early-stopping metric so far (NaN before any evaluation).</summary>
    public double BestValue { get; private set; } = double.NaN;

    /// <summary>The epoch of <see cref="BestValue"/>, or −1.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>
    /// Trains on the (n, d) <paramref name="features"/> with one label per row from epoch <see cref="Epoch"/> + 1
    /// to <see cref="TrainerOptions.Epochs"/>, or until early stopping.
    /// </summary>
    public TrainingResult Fit(Tensor features, int[] labels, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Rank != 2 || features.Dim(0) != labels.Length)
        {
            throw new ArgumentException($"Training set: features {features.ShapeString} need one label per row; got " +
                $"{labels.Length} labels.");
        }

        var clock = Stopwatch.StartNew();
        if (Epoch == 0 && _history.Count == 0 && Options.EvaluateBeforeTraining && Evaluator is not null)
        {
            var sw = Stopwatch.StartNew();
            var metrics = Evaluator.Evaluate(Model);
            Complete(new EpochRecord(0, double.NaN, Optimizer.LearningRate, sw.Elapsed.TotalSeconds, metrics));
        }

        while (Epoch < Options.Epochs && !_stopped && !(Options.PauseAfter is { } pause && Epoch >= pause))
        {
            RunEpoch(features, labels, cancellation);
        }

        if (_stopped || Epoch >= Options.Epochs)
        {
            RestoreBest();
        }

        var watched = Options.EarlyStopping?.Metric;
        return new TrainingResult([.. _history], BestEpoch, BestValue, watched, _stopped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Writes a checkpoint of the whole training state to <paramref name="path"/> (atomically).</summary>
    public void SaveCheckpoint(string path) => TrainingCheckpoint.Save(path, CaptureState());

    /// <summary>
    /// Restores a checkpoint written by <see cref="SaveCheckpoint"/> for a trainer built the same way (same
    /// model architecture, loss, optimizer and options); <see cref="Fit"/> then continues after its epoch.
    /// </summary>
    public void LoadCheckpoint(string path)
    {
        var state = TrainingCheckpoint.Load(path);
        TrainingCheckpoint.CopyInto(path, "model", state.Model, Model.StateDict());
        TrainingCheckpoint.CopyInto(path, "loss", state.Loss, LossParameters());
        try
        {
            Optimizer.LoadState(state.Optimizer);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not fit this optimizer: {ex.Message}", ex);
        }

        _history.Clear();
        _history.AddRange(state.History);
        Epoch = state.Epoch;
        BestValue = state.BestValue;
        BestEpoch = state.BestEpoch;
        _badEvaluations = state.BadEvaluations;
        _stopped = state.Stopped;
        _bestWeights = state.BestWeights;
        if (Sampler is ClusteredHardBatchSampler hard && state.SamplerAssignments is { } assignments)
        {
            hard.Restore(assignments, state.SamplerRefreshedAt);
        }
    }

    private void RunEpoch(Tensor features, int[] labels, CancellationToken cancellation)
    {
        int epoch = Epoch + 1;
        var sw = Stopwatch.StartNew();
        if (Sampler is ClusteredHardBatchSampler hard && hard.NeedsRefresh(epoch - 1))
        {
            // NGAME-style batches: re-cluster the training rows by the model as it stands now.
            using var scope = TensorScope.Begin();
            var embedded = HeldOutEvaluator.Embed(Model, features, Options.EvaluationBatchSize);
            hard.Refresh(embedded.Span, embedded.Dim(1), epoch - 1);
        }

        Model.Train();
        double sum = 0;
        int batches = 0;
        foreach (var rows in Sampler.Batches(epoch - 1))
        {
            cancellation.ThrowIfCancellationRequested();
            double loss = Step(features, labels, rows);
            if (!double.IsFinite(loss))
            {
                throw new InvalidOperationException($"The loss became {loss} at epoch {epoch}, batch {batches + 1}; " +
                    "try a lower learning rate or gradient clipping.");
            }

            sum += loss;
            batches++;
            BatchCompleted?.Invoke(this, new BatchCompletedEventArgs(epoch, batches, Sampler.BatchesPerEpoch, loss,
                Optimizer.StepCount));
        }

        bool evaluate = Evaluator is not null
            && (Options.EvaluateEvery > 0 && epoch % Options.EvaluateEvery == 0 || epoch == Options.Epochs);
        var metrics = evaluate ? Evaluator!.Evaluate(Model) : new Dictionary<AccuracyMetric, double>();
        Epoch = epoch;
        var record = new EpochRecord(epoch, batches == 0 ? double.NaN : sum / batches, Optimizer.LearningRate,
            sw.Elapsed.TotalSeconds, metrics);
        Complete(record);
        if (Options.CheckpointPath is { } path
            && (epoch % Options.CheckpointEvery == 0 || epoch == Options.Epochs || _stopped
                || epoch == Options.PauseAfter))
        {
            SaveCheckpoint(path);
        }
    }

    // One optimizer step on the given rows; returns the loss.
    private double Step(Tensor features, int[] labels, int[] rows)
    {
        using var scope = TensorScope.Begin();
        Schedule?.Apply(Optimizer, Optimizer.StepCount);
        Optimizer.ZeroGrad();
        var y = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            y[i] = labels[rows[i]];
        }

        var embeddings = Model.Forward(features.IndexSelect(0, rows));
        var tuples = Miner?.Mine(embeddings, y);
        var loss = Loss.Compute(embeddings, y, tuples);
        double value = loss.Item();
        if (loss.RequiresGrad)
        {
            loss.Backward();
        }

        if (Options.MaxGradNorm is { } maxNorm)
        {
            GradientClipping.ClipGradNorm(_trainable, maxNorm);
        }

        Optimizer.Step();
        return value;
    }

    private void Complete(EpochRecord record)
    {
        bool isBest = false;
        if (Options.EarlyStopping is { } rule && record.Evaluated)
        {
            double value = record[rule.Metric];
            if (double.IsFinite(value) && (double.IsNaN(BestValue) || value > BestValue + rule.MinDelta))
            {
                (BestValue, BestEpoch, _badEvaluations, isBest) = (value, record.Epoch, 0, true);
                if (Options.RestoreBestWeights)
                {
                    _bestWeights = Snapshot();
                }
            }
            else if (record.Epoch > 0 && ++_badEvaluations >= rule.Patience)
            {
                _stopped = true;
            }
        }

        _history.Add(record);
        EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(record, isBest, _stopped));
    }

    private void RestoreBest()
    {
        if (_bestWeights is null || BestEpoch == Epoch)
        {
            return;
        }

        foreach (var (name, tensor) in Model.StateDict())
        {
            _bestWeights["model." + name].CopyTo(tensor.Span);
        }

        foreach (var (name, tensor) in LossParameters())
        {
            _bestWeights["loss." + name].CopyTo(tensor.Span);
        }
    }

    private Dictionary<string, float[]> Snapshot()
    {
        var copy = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in Model.StateDict())
        {
            copy["model." + name] = tensor.ToArray();
        }

        foreach (var (name, tensor) in LossParameters())
        {
            copy["loss." + name] = tensor.ToArray();
        }

        return copy;
    }

    private Dictionary<string, Tensor> LossParameters() => Loss is ParametricLoss p
        ? p.NamedParameters().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)
        : new Dictionary<string, Tensor>(StringComparer.Ordinal);

    private TrainerState CaptureState() => new()
    {
        Epoch = Epoch,
        Model = Model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
        Loss = LossParameters().ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
        Optimizer = Optimizer.GetState(),
        History = [.. _history],
        BestValue = BestValue,
        BestEpoch = BestEpoch,
        BadEvaluations = _badEvaluations,
        Stopped = _stopped,
        BestWeights = _bestWeights,
        SamplerAssignments = (Sampler as ClusteredHardBatchSampler)?.Assignments,
        SamplerRefreshedAt = (Sampler as ClusteredHardBatchSampler)?.RefreshedAtEpoch ?? -1,
    };
}
