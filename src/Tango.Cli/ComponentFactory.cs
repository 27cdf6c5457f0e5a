using System.Globalization;
using Tango.Core;
using Tango.Losses;
using Tango.Losses.Catalog;
using Tango.Losses.Miners;

namespace Tango.Cli;

/// <summary>
/// Builds catalogued losses and miners from the command line: a name, "name=value" parameters, and values the run
/// knows that the user need not type (numClasses, embeddingSize, a seed for rng, the --distance choice).
/// </summary>
internal static class ComponentFactory
{
    public static IMetricLoss Loss(string name, IReadOnlyList<string> parameters, string? distance, int classes,
        int embeddingDim, ulong seed) =>
        Build<IMetricLoss>(name, ComponentKind.Loss, parameters, distance, classes, embeddingDim, seed);

    public static Miner? Miner(string name, IReadOnlyList<string> parameters, string? distance, ulong seed) =>
        name.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? null
            : Build<Miner>(name, ComponentKind.Miner, parameters, distance, 0, 0, seed);

    /// <summary>Splits "name=value" items; an item without '=' is an error naming it.</summary>
    public static Dictionary<string, string> ParseParameters(IReadOnlyList<string> items, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"{option} '{item}': write name=value, e.g. {option} margin=0.2.");
            }

            result[item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }

        return result;
    }

    private static T Build<T>(string name, ComponentKind kind, IReadOnlyList<string> parameters, string? distance,
        int classes, int embeddingDim, ulong seed) where T : class
    {
        var descriptor = LossCatalog.Find(name);
        if (descriptor.Kind != kind)
        {
            throw new ArgumentException($"{descriptor.Name} is a {descriptor.Kind}, not a {kind}; see `tango list " +
                $"--kind {kind.ToString().ToLowerInvariant()}`.");
        }

        var given = ParseParameters(parameters, kind == ComponentKind.Loss ? "--loss-param" : "--miner-param");
        var text = new Dictionary<string, string>(given, StringComparer.Ordinal);
        foreach (var p in descriptor.Parameters)
        {
            if (text.ContainsKey(p.Name))
            {
                continue;
            }

            string? implied = p.Name switch
            {
                "numClasses" when classes > 0 => classes.ToString(CultureInfo.InvariantCulture),
                "embeddingSize" when embeddingDim > 0 => embeddingDim.ToString(CultureInfo.InvariantCulture),
                "distance" when distance is not null => distance,
                _ when p.Type == typeof(Rng) => seed.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (implied is not null)
            {
                text[p.Name] = implied;
            }
        }

        return descriptor.CreateFromText(text) as T
            ?? throw new ArgumentException($"{descriptor.Name} cannot be used as a {typeof(T).Name} here.");
    }
}
