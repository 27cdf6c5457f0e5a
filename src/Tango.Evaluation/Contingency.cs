namespace Tango.Evaluation;

/// <summary>
/// The contingency table n_ij of two labellings of the same N items (rows: labels, columns: clusters), with the
/// information-theoretic quantities scikit-learn derives from it, in natural logarithms.
/// </summary>
internal sealed class Contingency
{
    private readonly Dictionary<(int Row, int Col), int> _cells = [];
    private readonly double[] _rowSums;
    private readonly double[] _colSums;

    private Contingency(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        var rows = Renumber(labels);
        var cols = Renumber(clusters);
        _rowSums = new double[rows.Count];
        _colSums = new double[cols.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            int r = rows[labels[i]], c = cols[clusters[i]];
            _cells[(r, c)] = _cells.GetValueOrDefault((r, c)) + 1;
            _rowSums[r]++;
            _colSums[c]++;
        }

        N = labels.Length;
    }

    public int N { get; }

    /// <summary>Both labellings have one class, or there are no items: scikit-learn returns 1.</summary>
    public bool IsTrivial => _rowSums.Length == _colSums.Length && _rowSums.Length <= 1;

    public static Contingency Build(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        if (labels.Length != clusters.Length)
        {
            throw new ArgumentException(
                $"Labels ({labels.Length}) and clusters ({clusters.Length}) must label the same items.");
        }

        return new Contingency(labels, clusters);
    }

    /// <summary>I(Y; C) = Σ (n_ij/N)(log n_ij − log N) + (n_ij/N)(2 log N − log(a_i b_j)), clipped at 0.</summary>
    public double MutualInformation()
    {
        if (_rowSums.Length == 1 || _colSums.Length == 1)
        {
            return 0.0;
        }

        double n = N, logN = Math.Log(n), mi = 0;
        foreach (var ((r, c), count) in _cells.OrderBy(kv => kv.Key.Col).ThenBy(kv => kv.Key.Row))
        {
            double p = count / n;
            double term = p * (Math.Log(count) - logN) + p * (-Math.Log(_rowSums[r] * _colSums[c]) + 2 * logN);
            mi += Math.Abs(term) < 2.220446049250313e-16 ? 0.0 : term; // numpy's eps, as scikit-learn
        }

        return Math.Max(mi, 0.0);
    }

    public double RowEntropy() => Entropy(_rowSums);

    public double ColumnEntropy() => Entropy(_colSums);

    /// <summary>
    /// E[I] = Σ_ij Σ_{n=max(1, a_i+b_j−N)}^{min(a_i, b_j)} (n/N) log(N n/(a_i b_j)) ·
    /// a_i! b_j! (N−a_i)! (N−b_j)! / (N! n! (a_i−n)! (b_j−n)! (N−a_i−b_j+n)!), with log-factorials summed in double.
    /// </summary>
    public double ExpectedMutualInformation()
    {
        int n = N;
        var logFact = new double[n + 1];
        for (int i = 2; i <= n; i++)
        {
            logFact[i] = logFact[i - 1] + Math.Log(i);
        }

        double emi = 0, logN = Math.Log(n);
        foreach (double ad in _rowSums)
        {
            foreach (double bd in _colSums)
            {
                int a = (int)ad, b = (int)bd;
                double fixedPart = logFact[a] + logFact[b] + logFact[n - a] + logFact[n - b] - logFact[n];
                for (int nij = Math.Max(1, a + b - n); nij <= Math.Min(a, b); nij++)
                {
                    double term2 = logN + Math.Log(nij) - Math.Log(a) - Math.Log(b);
                    double gln = fixedPart - logFact[nij] - logFact[a - nij] - logFact[b - nij]
                                 - logFact[n - a - b + nij];
                    emi += (double)nij / n * term2 * Math.Exp(gln);
                }
            }
        }

        return emi;
    }

    private static double Entropy(double[] sums)
    {
        if (sums.Length <= 1)
        {
            return sums.Length == 0 ? 1.0 : 0.0;
        }

        double total = sums.Sum(), logTotal = Math.Log(total), h = 0;
        foreach (double s in sums)
        {
            h -= s / total * (Math.Log(s) - logTotal);
        }

        return h;
    }

    private static Dictionary<int, int> Renumber(ReadOnlySpan<int> values)
    {
        var sorted = values.ToArray().Distinct().Order().ToArray();
        var map = new Dictionary<int, int>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++)
        {
            map[sorted[i]] = i;
        }

        return map;
    }
}
