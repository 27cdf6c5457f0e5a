using System.Globalization;
using Tango.Core;
using Tango.NN;

namespace Tango.Training;

/// <summary>
/// A multilayer-perceptron embedding model: Linear → ReLU for each hidden width, a final Linear to the embedding
/// width, and optionally <see cref="L2Normalize"/> so that embeddings lie on the unit sphere. The spec is what a
/// run's config.json records, so that <c>tango embed</c> can rebuild the network and load its weights.
/// </summary>
public sealed record MlpSpec(int InputDim, IReadOnlyList<int> Hidden, int EmbeddingDim, bool Normalize = true)
{
    /// <summary>The shift of an input normalisation (x − shift)·scale applied first (see
    /// <see cref="Standardize"/>); null for none.</summary>
    public float? InputShift { get; init; }

    /// <summary>The scale of the input normalisation (used with <see cref="InputShift"/>).</summary>
    public float? InputScale { get; init; }

    /// <summary>Builds the network with weights drawn from <paramref name="rng"/> (PyTorch's Linear init).</summary>
    public Sequential Build(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Validate();
        var model = new Sequential();
        if (InputShift is { } shift)
        {
            model.Append(new Standardize(shift, InputScale ?? 1f));
        }

        int width = InputDim;
        foreach (int h in Hidden)
        {
            model.Append(new Linear(width, h, rng: rng)).Append(new Relu());
            width = h;
        }

        model.Append(new Linear(width, EmbeddingDim, rng: rng));
        if (Normalize)
        {
            model.Append(new L2Normalize());
        }

        return model;
    }

    /// <summary>Throws unless every width is positive.</summary>
    public void Validate()
    {
        if (InputDim < 1 || EmbeddingDim < 1 || Hidden.Any(h => h < 1))
        {
            throw new ArgumentException($"MLP widths must be ≥ 1; got {this}.");
        }
    }

    /// <summary>"784 → 256 → 128 → L2-normalised", for reports.</summary>
    public override string ToString() =>
        string.Join(" → ", new[] { InputDim }.Concat(Hidden).Append(EmbeddingDim)
            .Select(w => w.ToString(CultureInfo.InvariantCulture))) + (Normalize ? ", L2-normalised" : "");
}
