namespace Tango.Mahalanobis;

/// <summary>Brute-force k-nearest-neighbour triplets (see <see cref="Constraints.KnnTriplets"/>).</summary>
internal static class KnnTripletBuilder
{
    // x: (n, d) -> triplets grouped by class (ascending label), then anchor, genuine, impostor.
    public static Triplets Build(double[] x, int n, int d, int[] labels, int kGenuine, int kImpostor)
    {
        var known = Constraints.KnownRows(labels);
        var classes = known.Select(i => labels[i]).Distinct().Order().ToArray();
        var (ta, tp, tn) = (new List<int>(), new List<int>(), new List<int>());
        foreach (int label in classes)
        {
            var members = known.Where(i => labels[i] == label).ToArray();
            var others = known.Where(i => labels[i] != label).ToArray();
            int kg = Math.Min(kGenuine, members.Length - 1);
            int ki = Math.Min(kImpostor, others.Length);
            foreach (int a in members)
            {
                var genuine = Nearest(x, d, a, members, kg, excludeSelf: true);
                var impostors = Nearest(x, d, a, others, ki, excludeSelf: false);
                foreach (int g in genuine)
                {
                    foreach (int imp in impostors)
                    {
                        ta.Add(a);
                        tp.Add(g);
                        tn.Add(imp);
                    }
                }
            }
        }

        return new Triplets([.. ta], [.. tp], [.. tn]);
    }

    // The k rows of `pool` closest to row a (squared Euclidean), ties by lower index.
    private static int[] Nearest(double[] x, int d, int a, int[] pool, int k, bool excludeSelf)
    {
        if (k <= 0)
        {
            return [];
        }

        var rowA = x.AsSpan(a * d, d);
        var dist = new List<(double Dist, int Index)>(pool.Length);
        foreach (int j in pool)
        {
            if (excludeSelf && j == a)
            {
                continue;
            }

            var rowJ = x.AsSpan(j * d, d);
            double s = 0;
            for (int t = 0; t < d; t++)
            {
                double diff = rowA[t] - rowJ[t];
                s += diff * diff;
            }

            dist.Add((s, j));
        }

        dist.Sort((p, q) => p.Dist != q.Dist ? p.Dist.CompareTo(q.Dist) : p.Index.CompareTo(q.Index));
        return dist.Take(k).Select(p => p.Index).ToArray();
    }
}
