using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;

namespace Tango.NN;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with probability p and the
/// survivors are scaled by 1/(1 − p), so the expected output equals the input and evaluation is the identity.
/// The mask comes from the module's own seeded <see cref="Rng"/>.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Creates the layer; <paramref name="rng"/> defaults to a split of <see cref="Init.DefaultRng"/>.
    /// </summary>
    public Dropout(float p = 0.5f, Rng? rng = null)
    {
        if (!(p >= 0f && p <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        P = p;
        _rng = rng ?? Init.DefaultRng.Split();
    }

    /// <summary>The probability of zeroing an element.</summary>
    public float P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0f)
        {
            return input;
        }

        // mask: 0 with probability p, else 1/(1 − p) (all zeros when p = 1, as PyTorch).
        var mask = Tensor.Uninitialized(input.Shape);
        var m = mask.Span;
        float scale = P < 1f ? 1f / (1f - P) : 0f;
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = _rng.NextFloat() < P ? 0f : scale;
        }

        var y = Tensor.Uninitialized(input.Shape);
        TensorPrimitives.Multiply(input.Span, m, y.Span);
        return y.Record("Dropout", [input], g =>
        {
            var dx = Tensor.Uninitialized(g.Shape);
            TensorPrimitives.Multiply(g.Span, mask.Span, dx.Span);
            input.AccumulateGrad(dx);
        });
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout(p: {P})";
}
