using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The base of losses that own trainable parameters — proxies, class weights, a learned margin — and may
/// regularise them (PML's <c>WeightRegularizerMixin</c> + <c>torch.nn.Parameter</c>s of a loss module).
/// <list type="bullet">
/// <item>A subclass creates each parameter in its constructor with <see cref="RegisterParameter"/>, initialised
/// from an explicit <see cref="Rng"/> (e.g. <see cref="NormalInit"/>, PML's default <c>normal_</c>).</item>
/// <item><see cref="Parameters"/> go to an optimizer next to the model's; <see cref="LoadParameter"/> sets values
/// (a checkpoint, or a reference case's <c>param_init</c>).</item>
/// <item>In <see cref="MetricLoss.ComputeSubLosses"/> a subclass calls <see cref="AddWeightRegularization"/>
/// with the weight rows (one row per class or proxy) to add the "weight_reg_loss" term.</item>
/// </list>
/// </summary>
public abstract class ParametricLoss : MetricLoss
{
    /// <summary>The name of the weight regularisation sub-loss.</summary>
    public const string WeightRegularizationName = "weight_reg_loss";

    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];

    /// <summary>Sets the shared components and the optional weight regulariser.</summary>
    protected ParametricLoss(Distance distance, Reducer reducer, Regularizer? embeddingRegularizer,
        float embeddingRegularizerWeight, Regularizer? weightRegularizer, float weightRegularizerWeight)
        : base(distance, reducer, embeddingRegularizer, embeddingRegularizerWeight)
    {
        WeightRegularizer = weightRegularizer;
        WeightRegularizerWeight = weightRegularizerWeight;
    }

    /// <summary>The regulariser of the weight rows, or null.</summary>
    public Regularizer? WeightRegularizer { get; }

    /// <summary>The weight regulariser's weight.</summary>
    public float WeightRegularizerWeight { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SubLossNames =>
        WeightRegularizer is null ? base.SubLossNames : [.. base.SubLossNames, WeightRegularizationName];

    /// <summary>The parameters, in registration order (for an optimizer).</summary>
    public IEnumerable<Tensor> Parameters() => _parameters.Select(p => p.Value);

    /// <summary>The parameters with their names.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> NamedParameters() => _parameters;

    /// <summary>The parameter named <paramref name="name"/>.</summary>
    public Tensor Parameter(string name) => _parameters.Find(p => p.Key == name).Value
        ?? throw new KeyNotFoundException($"{GetType().Name} has no parameter '{name}'; it has: " +
            $"{string.Join(", ", _parameters.Select(p => p.Key))}.");

    /// <summary>Copies <paramref name="values"/> (row-major, exactly the parameter's size) into a parameter.</summary>
    public void LoadParameter(string name, ReadOnlySpan<float> values)
    {
        var p = Parameter(name);
        if (values.Length != p.Size)
        {
            throw new ArgumentException(
                $"{GetType().Name}.{name} has shape {p.ShapeString} ({p.Size} values); got {values.Length} values.");
        }

        values.CopyTo(p.Span);
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Registers a parameter (a leaf; it is made to require a gradient) under a unique name.</summary>
    protected Tensor RegisterParameter(string name, Tensor initial)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(initial);
        if (!initial.IsLeaf)
        {
            throw new ArgumentException($"Parameter '{name}' must be a leaf tensor.", nameof(initial));
        }

        if (_parameters.Exists(p => p.Key == name))
        {
            throw new ArgumentException($"{GetType().Name} already has a parameter '{name}'.", nameof(name));
        }

        initial.RequiresGrad = true;
        _parameters.Add(new(name, initial));
        return initial;
    }

    /// <summary>
    /// Normal(0, std²) values of the given shape (PML's default weight init, <c>torch.nn.init.normal_</c>).
    /// </summary>
    protected static Tensor NormalInit(Rng rng, int[] shape, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Tensor.RandomNormal(rng, shape, 0f, std);
    }

    /// <summary>
    /// Adds "weight_reg_loss" = weight · regulariser(<paramref name="weightRows"/>) when a weight regulariser is
    /// set; <paramref name="weightRows"/> holds one row per class or proxy (e.g. Wᵀ for a (dim, classes) W).
    /// </summary>
    protected void AddWeightRegularization(SubLosses terms, Tensor weightRows)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (WeightRegularizer is not null)
        {
            var value = WeightRegularizer.Compute(weightRows).Mul(WeightRegularizerWeight);
            terms.Add(SubLoss.Reduced(WeightRegularizationName, value));
        }
    }
}
