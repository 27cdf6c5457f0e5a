using Tango.Core;
using Tango.NN;

namespace Tango.Training;

/// <summary>
/// A fixed input normalisation y = (x − shift) · scale with one shift and scale for all features (as the usual
/// MNIST transform Normalize(0.1307, 0.3081)); both are buffers, so they are saved with the model's weights and
/// an exported model applies the same normalisation.
/// </summary>
public sealed class Standardize : Module
{
    /// <summary>Creates the layer.</summary>
    public Standardize(float shift, float scale)
    {
        if (!float.IsFinite(shift) || !float.IsFinite(scale) || scale == 0)
        {
            throw new ArgumentException($"Standardize needs a finite shift and a finite non-zero scale; got {shift}, " +
                $"{scale}.");
        }

        Shift = RegisterBuffer("shift", Tensor.FromArray([shift]));
        Scale = RegisterBuffer("scale", Tensor.FromArray([scale]));
    }

    /// <summary>The value subtracted (a 1-element buffer).</summary>
    public Tensor Shift { get; }

    /// <summary>The factor applied after the shift (a 1-element buffer).</summary>
    public Tensor Scale { get; }

    /// <summary>The mean and 1 / standard deviation of all the values of <paramref name="x"/>.</summary>
    public static (float Shift, float Scale) Fit(ReadOnlySpan<float> x)
    {
        double sum = 0, sq = 0;
        foreach (float v in x)
        {
            sum += v;
            sq += (double)v * v;
        }

        double mean = x.Length == 0 ? 0 : sum / x.Length;
        double std = x.Length == 0 ? 1 : Math.Sqrt(Math.Max(0, sq / x.Length - mean * mean));
        return ((float)mean, std > 1e-12 ? (float)(1 / std) : 1f);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Add(-Shift.Span[0]).Mul(Scale.Span[0]);
}
