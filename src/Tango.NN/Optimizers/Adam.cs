using System.Numerics;
using Tango.Core;

namespace Tango.NN.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015) with PyTorch's update (torch.optim.Adam), per parameter with its own step t:
/// g ← g + λ·p (L2; AdamW instead decays p ← p·(1 − lr·λ)); m ← m + (1 − β1)·(g − m); v ← β2·v + (1 − β2)·g²;
/// v̂ ← max(v̂, v) with AMSGrad; p ← p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε).
/// </summary>
public class Adam : Optimizer
{
    private readonly float[][] _expAvg;
    private readonly float[][] _expAvgSq;
    private readonly float[][]? _maxExpAvgSq;
    private readonly int[] _steps;
    private readonly bool _decoupled;

    /// <summary>Creates the optimizer (PyTorch's defaults).</summary>
    public Adam(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float eps = 1e-8f, float weightDecay = 0f, bool amsgrad = false)
        : this(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<Tensor> parameters, float lr, float beta1, float beta2, float eps,
        float weightDecay, bool amsgrad, bool decoupled)
        : base(parameters, lr)
    {
        CheckBeta(beta1, nameof(beta1));
        CheckBeta(beta2, nameof(beta2));
        CheckNonNegative(eps, "epsilon", nameof(eps));
        CheckNonNegative(weightDecay, "weight decay", nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        AmsGrad = amsgrad;
        _decoupled = decoupled;
        _expAvg = CreateState("exp_avg");
        _expAvgSq = CreateState("exp_avg_sq");
        _maxExpAvgSq = amsgrad ? CreateState("max_exp_avg_sq") : null;
        _steps = new int[Parameters.Count];
    }

    /// <summary>Decay rate β1 of the first-moment average.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate β2 of the second-moment average.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public float Eps { get; }

    /// <summary>Weight decay λ: an L2 term in the gradient (Adam) or a decoupled decay (AdamW).</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the AMSGrad variant (Reddi et al. 2018) keeps the maximum second moment.</summary>
    public bool AmsGrad { get; }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, long[]> GetCounters() =>
        new Dictionary<string, long[]> { ["step"] = [.. _steps.Select(s => (long)s)] };

    /// <inheritdoc/>
    protected override void SetCounters(IReadOnlyDictionary<string, long[]> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var steps = counters["step"];
        for (int i = 0; i < _steps.Length; i++)
        {
            _steps[i] = checked((int)steps[i]);
        }
    }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> p, ReadOnlySpan<float> g)
    {
        int t = ++_steps[index];
        // Bias corrections in double, as PyTorch computes them in Python floats.
        double bc1 = 1 - Math.Pow(Beta1, t), bc2 = 1 - Math.Pow(Beta2, t);
        var c = new Coefficients
        {
            StepSize = (float)(LearningRate / bc1),
            Bc2Sqrt = (float)Math.Sqrt(bc2),
            Decay = _decoupled ? (float)(1 - (double)LearningRate * WeightDecay) : 1f,
            L2 = _decoupled ? 0f : WeightDecay,
            OneMinusBeta1 = 1f - Beta1,
            Beta2 = Beta2,
            OneMinusBeta2 = 1f - Beta2,
            Eps = Eps,
        };
        var m = _expAvg[index].AsSpan();
        var v = _expAvgSq[index].AsSpan();
        var vMax = _maxExpAvgSq is null ? default : _maxExpAvgSq[index].AsSpan();
        int i = Vector.IsHardwareAccelerated ? UpdateVector(p, g, m, v, vMax, c) : 0;
        for (; i < p.Length; i++)
        {
            float pi = p[i] * c.Decay;
            float gi = g[i] + c.L2 * pi;
            m[i] += c.OneMinusBeta1 * (gi - m[i]);
            v[i] = c.Beta2 * v[i] + c.OneMinusBeta2 * (gi * gi);
            float vi = v[i];
            if (!vMax.IsEmpty)
            {
                vi = vMax[i] = MathF.Max(vMax[i], vi);
            }

            p[i] = pi - c.StepSize * (m[i] / (MathF.Sqrt(vi) / c.Bc2Sqrt + c.Eps));
        }
    }

    // The same formula as the scalar loop, lane by lane (no FMA, so both give the same bits); returns where the
    // scalar tail starts.
    private static int UpdateVector(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        Span<float> vMax, in Coefficients c)
    {
        int i = 0, w = Vector<float>.Count;
        for (; i <= p.Length - w; i += w)
        {
            var pv = new Vector<float>(p[i..]) * c.Decay;
            var gv = new Vector<float>(g[i..]) + c.L2 * pv;
            var mv = new Vector<float>(m[i..]);
            mv += c.OneMinusBeta1 * (gv - mv);
            var vv = c.Beta2 * new Vector<float>(v[i..]) + c.OneMinusBeta2 * (gv * gv);
            mv.CopyTo(m[i..]);
            vv.CopyTo(v[i..]);
            if (!vMax.IsEmpty)
            {
                vv = Vector.Max(new Vector<float>(vMax[i..]), vv);
                vv.CopyTo(vMax[i..]);
            }

            var denom = Vector.SquareRoot(vv) / c.Bc2Sqrt + new Vector<float>(c.Eps);
            (pv - c.StepSize * (mv / denom)).CopyTo(p[i..]);
        }

        return i;
    }

    private static void CheckBeta(float beta, string paramName)
    {
        if (!(beta >= 0f && beta < 1f))
        {
            throw new ArgumentOutOfRangeException(paramName, beta,
                $"Invalid {paramName}: {beta}; it must be in [0, 1).");
        }
    }

    private readonly struct Coefficients
    {
        public float StepSize { get; init; }

        public float Bc2Sqrt { get; init; }

        public float Decay { get; init; }

        public float L2 { get; init; }

        public float OneMinusBeta1 { get; init; }

        public float Beta2 { get; init; }

        public float OneMinusBeta2 { get; init; }

        public float Eps { get; init; }
    }
}
