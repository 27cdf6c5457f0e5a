using System.Runtime.Intrinsics;

namespace Tango.Search.Kernels;

/// <summary>
/// Turns a tile's dot product c = q·x into the ranking score s (larger is better) with per-column terms of the
/// corpus vector x: identity for inner product, s = c·(1/max(‖x‖, ε)) for cosine (queries pre-normalised), and
/// s = c − ‖x‖²/2 for L2 (‖q − x‖² = ‖q‖² − 2s ranks in the opposite order, ‖q‖² being the same per query).
/// </summary>
internal interface IScoreTransform
{
    static abstract bool UsesTerm { get; }

    static abstract float Apply(float c, float term);

    static abstract Vector256<float> Apply(Vector256<float> c, Vector256<float> term);

    static abstract Vector128<float> Apply(Vector128<float> c, Vector128<float> term);
}

/// <summary>s = c (inner product).</summary>
internal readonly struct PlainScore : IScoreTransform
{
    public static bool UsesTerm => false;

    public static float Apply(float c, float term) => c;

    public static Vector256<float> Apply(Vector256<float> c, Vector256<float> term) => c;

    public static Vector128<float> Apply(Vector128<float> c, Vector128<float> term) => c;
}

/// <summary>s = c · term, term = 1 / max(‖x‖, ε) (cosine).</summary>
internal readonly struct ScaledScore : IScoreTransform
{
    public static bool UsesTerm => true;

    public static float Apply(float c, float term) => c * term;

    public static Vector256<float> Apply(Vector256<float> c, Vector256<float> term) => c * term;

    public static Vector128<float> Apply(Vector128<float> c, Vector128<float> term) => c * term;
}

/// <summary>s = c + term, term = −‖x‖²/2 (L2).</summary>
internal readonly struct ShiftedScore : IScoreTransform
{
    public static bool UsesTerm => true;

    public static float Apply(float c, float term) => c + term;

    public static Vector256<float> Apply(Vector256<float> c, Vector256<float> term) => c + term;

    public static Vector128<float> Apply(Vector128<float> c, Vector128<float> term) => c + term;
}
