using Tango.Core;

namespace Tango.NN;

/// <summary>
/// Weight initialisation in place, as in PyTorch's <c>torch.nn.init</c>. Every random rule takes an explicit
/// <see cref="Rng"/> so that a model's initial weights are reproducible. Fans follow PyTorch: for a weight of
/// shape (out, in, k...) fan_in = in·Πk and fan_out = out·Πk.
/// </summary>
public static class Init
{
    [ThreadStatic]
    private static Rng? _defaultRng;

    /// <summary>
    /// The generator layers use when none is passed (per thread, seeded with 0 until <see cref="ManualSeed"/>),
    /// like PyTorch's global generator: the same construction order gives the same weights.
    /// </summary>
    public static Rng DefaultRng => _defaultRng ??= new Rng(0);

    /// <summary>Reseeds this thread's <see cref="DefaultRng"/> (PyTorch's <c>torch.manual_seed</c>).</summary>
    public static void ManualSeed(ulong seed) => _defaultRng = new Rng(seed);

    /// <summary>
    /// The recommended gain for a nonlinearity (PyTorch's <c>calculate_gain</c>): 1 for linear and sigmoid, 5/3
    /// for tanh, √2 for ReLU and √(2 / (1 + a²)) for leaky ReLU with negative slope <paramref name="param"/>.
    /// </summary>
    public static float CalculateGain(Nonlinearity nonlinearity, float param = 0.01f) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Sigmoid => 1f,
        Nonlinearity.Tanh => 5f / 3f,
        Nonlinearity.Relu => MathF.Sqrt(2f),
        Nonlinearity.LeakyRelu => MathF.Sqrt(2f / (1f + param * param)),
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Unknown nonlinearity."),
    };

    /// <summary>(fan_in, fan_out) of a weight of rank ≥ 2: (in·Πk, out·Πk) for shape (out, in, k...).</summary>
    public static (int FanIn, int FanOut) CalculateFans(Tensor tensor)
    {
        if (tensor.Rank < 2)
        {
            throw new ArgumentException(
                $"Fan in and fan out need a tensor of rank 2 or more; got shape {tensor.ShapeString}.", nameof(tensor));
        }

        int receptive = 1;
        for (int i = 2; i < tensor.Rank; i++)
        {
            receptive *= tensor.Dim(i);
        }

        return (tensor.Dim(1) * receptive, tensor.Dim(0) * receptive);
    }

    /// <summary>
    /// Kaiming (He et al. 2015) uniform: U(−b, b) with b = gain·√(3 / fan), gain from
    /// <paramref name="nonlinearity"/> and <paramref name="a"/> (the negative slope for leaky ReLU).
    /// PyTorch's <c>Linear</c> uses a = √5 with leaky ReLU, which gives b = 1/√fan_in.
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        float std = CalculateGain(nonlinearity, a) / MathF.Sqrt(Fan(tensor, mode));
        float bound = MathF.Sqrt(3f) * std;
        return Uniform(tensor, rng, -bound, bound);
    }

    /// <summary>Kaiming normal: N(0, std²) with std = gain / √fan.</summary>
    public static Tensor KaimingNormal(Tensor tensor, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        float std = CalculateGain(nonlinearity, a) / MathF.Sqrt(Fan(tensor, mode));
        return Normal(tensor, rng, 0f, std);
    }

    /// <summary>Xavier/Glorot (Glorot and Bengio 2010) uniform: U(−b, b), b = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        float bound = gain * MathF.Sqrt(6f / Math.Max(1, fanIn + fanOut));
        return Uniform(tensor, rng, -bound, bound);
    }

    /// <summary>Xavier/Glorot normal: N(0, std²), std = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        return Normal(tensor, rng, 0f, gain * MathF.Sqrt(2f / Math.Max(1, fanIn + fanOut)));
    }

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor Uniform(Tensor tensor, Rng rng, float low = 0f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = low + (high - low) * rng.NextFloat();
        }

        return tensor;
    }

    /// <summary>Normal samples with the given mean and standard deviation.</summary>
    public static Tensor Normal(Tensor tensor, Rng rng, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = mean + std * rng.NextNormal();
        }

        return tensor;
    }

    /// <summary>Every element equal to <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, float value)
    {
        tensor.Span.Fill(value);
        return tensor;
    }

    /// <summary>All zeros.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);

    /// <summary>All ones.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    // A zero fan (an empty weight) leaves nothing to initialise; clamp so the bound stays finite.
    private static int Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        return Math.Max(1, mode == FanMode.FanIn ? fanIn : fanOut);
    }
}
