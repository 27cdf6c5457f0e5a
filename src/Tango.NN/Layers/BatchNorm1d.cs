using Tango.Core;
using Tango.Core.Memory;

namespace Tango.NN;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy 2015) over input (N, C) or (N, C, L), as PyTorch's
/// <c>nn.BatchNorm1d</c>. Training normalises with the batch mean and biased variance of each channel and
/// updates running = (1 − m)·running + m·batch with the unbiased variance; evaluation normalises with the
/// running statistics. One fused op with a hand-derived backward (docs/derivations/batchnorm.md).
/// Buffers keep PyTorch's state-dict names (<c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>) so that weights move between the two.
/// </summary>
public sealed class BatchNorm1d : Module
{
    /// <summary>
    /// Creates the layer. <paramref name="momentum"/> null means a cumulative average (factor 1/batches seen).
    /// Without <paramref name="trackRunningStats"/> batch statistics are used in evaluation too.
    /// </summary>
    public BatchNorm1d(int features, float eps = 1e-5f, float? momentum = 0.1f, bool affine = true,
        bool trackRunningStats = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        Features = features;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", TensorScope.Unowned(() => Tensor.Ones(features)));
            Bias = RegisterParameter("bias", TensorScope.Unowned(() => Tensor.Zeros(features)));
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", TensorScope.Unowned(() => Tensor.Zeros(features)));
            RunningVar = RegisterBuffer("running_var", TensorScope.Unowned(() => Tensor.Ones(features)));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", TensorScope.Unowned(() => Tensor.Scalar(0f)));
        }
    }

    /// <summary>Number of channels C.</summary>
    public int Features { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics; null for a cumulative average.</summary>
    public float? Momentum { get; }

    /// <summary>γ, shape (C), or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>β, shape (C), or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean, shape (C), or null when not tracking statistics.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>Running unbiased variance, shape (C), or null when not tracking statistics.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Training batches seen (a float scalar), or null when not tracking statistics.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <inheritdoc/>
    // x: (n, c) or (n, c, l) -> y: same shape; statistics per channel over the n·l values.
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank is not (2 or 3) || input.Dim(1) != Features)
        {
            throw new ArgumentException($"BatchNorm1d({Features}) needs input of shape (N, {Features}) or " +
                $"(N, {Features}, L); got {input.ShapeString}.", nameof(input));
        }

        var layout = new ChannelLayout(input.Dim(0), Features, input.Rank == 3 ? input.Dim(2) : 1);
        bool useBatchStats = IsTraining || RunningMean is null;
        if (useBatchStats && IsTraining && layout.PerChannel <= 1)
        {
            throw new ArgumentException($"BatchNorm1d: expected more than 1 value per channel when training; " +
                $"got input of shape {input.ShapeString}.", nameof(input));
        }

        var mean = new float[Features];
        var rstd = new float[Features];
        if (useBatchStats)
        {
            var variance = new float[Features];
            BatchNormKernels.Moments(input.Span, layout, mean, variance);
            if (IsTraining && RunningMean is not null)
            {
                UpdateRunningStats(mean, variance, layout.PerChannel);
            }

            for (int c = 0; c < Features; c++)
            {
                rstd[c] = 1f / MathF.Sqrt(variance[c] + Eps);
            }
        }
        else
        {
            RunningMean!.Span.CopyTo(mean);
            for (int c = 0; c < Features; c++)
            {
                rstd[c] = 1f / MathF.Sqrt(RunningVar!.Span[c] + Eps);
            }
        }

        var xHat = Tensor.Uninitialized(input.Shape);
        var y = Tensor.Uninitialized(input.Shape);
        BatchNormKernels.Normalize(input.Span, layout, mean, rstd, Span(Weight), Span(Bias), xHat.Span, y.Span);
        Tensor[] inputs = Weight is not null && Bias is not null ? [input, Weight, Bias] : [input];
        return y.Record("BatchNorm1d", inputs, g => Backward(input, g, layout, xHat, rstd, useBatchStats));
    }

    // PyTorch: running = (1 − m)·running + m·batch, with the unbiased variance σ²·M/(M − 1).
    private void UpdateRunningStats(float[] mean, float[] variance, int perChannel)
    {
        var count = NumBatchesTracked!.Span;
        count[0] += 1f;
        float m = Momentum ?? 1f / count[0];
        float unbias = perChannel / (perChannel - 1f);
        var rm = RunningMean!.Span;
        var rv = RunningVar!.Span;
        for (int c = 0; c < Features; c++)
        {
            rm[c] = (1f - m) * rm[c] + m * mean[c];
            rv[c] = (1f - m) * rv[c] + m * variance[c] * unbias;
        }
    }

    private void Backward(Tensor input, Tensor g, ChannelLayout layout, Tensor xHat, float[] rstd, bool batchStats)
    {
        var dGamma = new float[Features];
        var dBeta = new float[Features];
        BatchNormKernels.ParameterGrads(g.Span, xHat.Span, layout, dGamma, dBeta);
        if (input.RequiresGrad)
        {
            var dx = Tensor.Uninitialized(input.Shape);
            BatchNormKernels.InputGrad(g.Span, xHat.Span, layout, rstd, Span(Weight), dGamma, dBeta, batchStats,
                dx.Span);
            input.AccumulateGrad(dx);
        }

        if (Weight?.RequiresGrad == true)
        {
            Weight.AccumulateGrad(Tensor.FromArray(dGamma, Features));
        }

        if (Bias?.RequiresGrad == true)
        {
            Bias.AccumulateGrad(Tensor.FromArray(dBeta, Features));
        }
    }

    private static ReadOnlySpan<float> Span(Tensor? t) => t is null ? default : t.Span;

    /// <inheritdoc/>
    public override string ToString() =>
        $"BatchNorm1d({Features}, eps: {Eps}, momentum: {Momentum}, affine: {Weight is not null}, " +
        $"trackRunningStats: {RunningMean is not null})";
}
