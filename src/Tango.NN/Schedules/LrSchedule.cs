using Tango.NN.Optimizers;

namespace Tango.NN.Schedules;

/// <summary>
/// A learning-rate schedule as a pure function of the step (0-based: the lr for the first optimizer step is
/// <c>LearningRate(0, base)</c>), so that resuming at any step gives the same value without replaying history.
/// </summary>
public abstract class LrSchedule
{
    /// <summary>The learning rate at <paramref name="step"/> for an optimizer built with <paramref name="baseLr"/>.
    /// </summary>
    public abstract float LearningRate(long step, float baseLr);

    /// <summary>Sets the optimizer's learning rate for <paramref name="step"/>; call it before <c>Step()</c>.</summary>
    public void Apply(Optimizer optimizer, long step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        optimizer.LearningRate = LearningRate(step, optimizer.BaseLearningRate);
    }
}
