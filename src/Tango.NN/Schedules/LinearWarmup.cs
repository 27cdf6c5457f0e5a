namespace Tango.NN.Schedules;

/// <summary>
/// Linear warm-up then another schedule: lr = base·(step + 1) / W for step &lt; W, so the first step already moves
/// and step W − 1 reaches the base rate; from step W on, lr = then(step − W), so the inner schedule starts
/// at its own step 0 (a cosine decay after warm-up begins at the base rate).
/// </summary>
public sealed class LinearWarmup : LrSchedule
{
    /// <summary>Creates the schedule; <paramref name="then"/> defaults to a constant base rate.</summary>
    public LinearWarmup(int warmupSteps, LrSchedule? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        WarmupSteps = warmupSteps;
        Then = then;
    }

    /// <summary>Steps of linear growth W.</summary>
    public int WarmupSteps { get; }

    /// <summary>The schedule after warm-up, or null for the constant base rate.</summary>
    public LrSchedule? Then { get; }

    /// <inheritdoc/>
    public override float LearningRate(long step, float baseLr)
    {
        if (step < WarmupSteps)
        {
            return (float)((double)baseLr * (Math.Max(0, step) + 1) / WarmupSteps);
        }

        return Then?.LearningRate(step - WarmupSteps, baseLr) ?? baseLr;
    }
}
