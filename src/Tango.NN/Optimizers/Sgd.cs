using System.Numerics;
using Tango.Core;

namespace Tango.NN.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with
/// PyTorch's update rule (torch.optim.SGD):
/// g ← g + λ·p; b ← g on the first step, else b ← μ·b + (1 − τ)·g; g ← g + μ·b (Nesterov) or g ← b; p ← p − lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[][]? _momentumBuffers;
    private readonly bool[] _started;

    /// <summary>Creates the optimizer; Nesterov needs momentum &gt; 0 and no dampening, as in PyTorch.</summary>
    public Sgd(IEnumerable<Tensor> parameters, float lr = 1e-3f, float momentum = 0f, float dampening = 0f,
        bool nesterov = false, float weightDecay = 0f)
        : base(parameters, lr)
    {
        CheckNonNegative(momentum, "momentum", nameof(momentum));
        CheckNonNegative(weightDecay, "weight decay", nameof(weightDecay));
        if (!float.IsFinite(dampening))
        {
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Dampening must be finite.");
        }

        if (nesterov && (momentum <= 0f || dampening != 0f))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening.",
                nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        _momentumBuffers = momentum != 0f ? CreateState("momentum_buffer") : null;
        _started = new bool[Parameters.Count];
    }

    /// <summary>Momentum factor μ.</summary>
    public float Momentum { get; }

    /// <summary>Dampening τ of the momentum's gradient term.</summary>
    public float Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, long[]> GetCounters() =>
        new Dictionary<string, long[]> { ["started"] = [.. _started.Select(s => s ? 1L : 0L)] };

    /// <inheritdoc/>
    protected override void SetCounters(IReadOnlyDictionary<string, long[]> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var started = counters["started"];
        for (int i = 0; i < _started.Length; i++)
        {
            _started[i] = started[i] != 0;
        }
    }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> p, ReadOnlySpan<float> g)
    {
        float lr = LearningRate, wd = WeightDecay;
        if (_momentumBuffers is null)
        {
            Plain(p, g, lr, wd);
            return;
        }

        var b = _momentumBuffers[index].AsSpan();
        // The first step copies the gradient into the buffer (b ← g, no dampening), as PyTorch does.
        float mu = _started[index] ? Momentum : 0f, tau = _started[index] ? 1f - Dampening : 1f;
        _started[index] = true;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var pv = new Vector<float>(p[i..]);
                var gv = new Vector<float>(g[i..]) + wd * pv;
                var bv = mu * new Vector<float>(b[i..]) + tau * gv;
                bv.CopyTo(b[i..]);
                gv = Nesterov ? gv + Momentum * bv : bv;
                (pv - lr * gv).CopyTo(p[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            float gi = g[i] + wd * p[i];
            b[i] = mu * b[i] + tau * gi;
            gi = Nesterov ? gi + Momentum * b[i] : b[i];
            p[i] -= lr * gi;
        }
    }

    private static void Plain(Span<float> p, ReadOnlySpan<float> g, float lr, float wd)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var pv = new Vector<float>(p[i..]);
                (pv - lr * (new Vector<float>(g[i..]) + wd * pv)).CopyTo(p[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            p[i] -= lr * (g[i] + wd * p[i]);
        }
    }
}
