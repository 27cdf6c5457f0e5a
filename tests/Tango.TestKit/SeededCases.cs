using Tango.Core;

namespace Tango.TestKit;

/// <summary>Seeded random inputs for tests.</summary>
public static class SeededCases
{
    /// <summary>Shapes that exercise edge cases: 1×1, 1×n, n×1, odd sizes.</summary>
    public static readonly int[][] AwkwardShapes = [[1, 1], [1, 7], [5, 1], [3, 5], [7, 13]];

    /// <summary>A normal(0, 1) tensor of the given shape.</summary>
    public static Tensor Normal(ulong seed, params int[] shape) => Tensor.RandomNormal(new Rng(seed), shape);

    /// <summary>Uniform floats in [low, high).</summary>
    public static float[] Uniform(ulong seed, int n, float low = -1f, float high = 1f)
    {
        var rng = new Rng(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = low + (high - low) * rng.NextFloat();
        }

        return x;
    }
}
