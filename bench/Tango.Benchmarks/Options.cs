using System.Globalization;

namespace Tango.Benchmarks;

/// <summary>`--name value` options of the table modes.</summary>
internal static class Options
{
    public static int Int(string[] args, string name, int fallback) => int.Parse(
        String(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static string String(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
