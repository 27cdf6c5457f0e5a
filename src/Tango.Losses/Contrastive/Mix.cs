namespace Tango.Losses.Contrastive;

/// <summary>
/// One synthetic MoCHi negative h = c1·x + c2·r_j of anchor <see cref="Owner"/>, where x is reference row
/// <see cref="First"/> (or the anchor itself when First is −1) and r_j reference row <see cref="Second"/>;
/// c1 = w/‖h̃‖ and c2 = (1 − w)/‖h̃‖ normalise h̃ = w·x + (1 − w)·r_j.
/// </summary>
internal readonly record struct Mix(int Owner, int First, int Second, float C1, float C2)
{
    /// <summary>The mix with weight <paramref name="w"/> of two unit rows whose dot product is
    /// <paramref name="dot"/>.</summary>
    public static Mix Of(int owner, int first, int second, float w, float dot)
    {
        double norm = Math.Sqrt(Math.Max((double)w * w + (1.0 - w) * (1.0 - w) + 2.0 * w * (1.0 - w) * dot, 0));
        double inv = 1.0 / Math.Max(norm, 1e-12);
        return new Mix(owner, first, second, (float)(w * inv), (float)((1.0 - w) * inv));
    }
}
