namespace Tango.NN.Schedules;

/// <summary>
/// Cosine annealing (Loshchilov and Hutter 2017, without restarts), PyTorch's CosineAnnealingLR in closed form:
/// lr = η_min + (base − η_min)·(1 + cos(π·step / T_max)) / 2. Past T_max the cosine continues (the rate climbs
/// back), as PyTorch's does.
/// </summary>
public sealed class CosineAnnealingLr : LrSchedule
{
    /// <summary>Creates the schedule.</summary>
    public CosineAnnealingLr(int tMax, float etaMin = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        if (!float.IsFinite(etaMin))
        {
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "etaMin must be finite.");
        }

        TMax = tMax;
        EtaMin = etaMin;
    }

    /// <summary>Steps of the half cosine.</summary>
    public int TMax { get; }

    /// <summary>The learning rate at step T_max.</summary>
    public float EtaMin { get; }

    /// <inheritdoc/>
    public override float LearningRate(long step, float baseLr) =>
        (float)(EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * Math.Max(0, step) / TMax)) / 2);
}
