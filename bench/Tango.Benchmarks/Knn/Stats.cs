namespace Tango.Benchmarks.Knn;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN
            : v.Length % 2 == 1 ? v[v.Length / 2]
            : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
