namespace Tango.NN.Schedules;

/// <summary>
/// Multiplies the learning rate by γ every <c>stepSize</c> steps: lr = base·γ^⌊step / stepSize⌋ (PyTorch's StepLR).
/// </summary>
public sealed class StepLr : LrSchedule
{
    /// <summary>Creates the schedule.</summary>
    public StepLr(int stepSize, float gamma = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!float.IsFinite(gamma) || gamma < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be finite and ≥ 0.");
        }

        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override float LearningRate(long step, float baseLr) =>
        (float)(baseLr * Math.Pow(Gamma, Math.Max(0, step) / StepSize));
}
