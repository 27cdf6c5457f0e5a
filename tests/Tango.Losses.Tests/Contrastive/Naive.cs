namespace Tango.Losses.Tests.Contrastive;

/// <summary>Small double-precision helpers for the paper-formula loops of the seed-paper loss tests.</summary>
internal static class Naive
{
    public static double LogSumExp(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double max = v.Max();
        return max + Math.Log(v.Sum(x => Math.Exp(x - max)));
    }

    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The indices j with labels[j] == labels[a] (j ≠ a), and those with a different label.</summary>
    public static (int[] Positives, int[] Negatives) Split(int[] labels, int a) =>
        ([.. Enumerable.Range(0, labels.Length).Where(j => j != a && labels[j] == labels[a])],
         [.. Enumerable.Range(0, labels.Length).Where(j => labels[j] != labels[a])]);
}
