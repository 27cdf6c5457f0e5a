namespace Tango.Mahalanobis;

/// <summary>
/// Binary classification curves over decision scores, as scikit-learn 1.2 computes them
/// (<c>_binary_clf_curve</c>, <c>roc_curve</c>, <c>precision_recall_curve</c>, <c>roc_auc_score</c>), for threshold
/// calibration of pair classifiers. Positive labels are +1, everything else is negative.
/// </summary>
internal static class BinaryCurves
{
    // Cumulative false/true positives at each distinct score, scores descending.
    public static (double[] Fps, double[] Tps, double[] Thresholds) ClfCurve(ReadOnlySpan<double> scores,
        ReadOnlySpan<int> y)
    {
        int n = scores.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var s = scores.ToArray();
        Array.Sort(order, (a, b) => s[b].CompareTo(s[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var (fps, tps, thr) = (new List<double>(), new List<double>(), new List<double>());
        double tp = 0;
        for (int i = 0; i < n; i++)
        {
            tp += y[order[i]] == 1 ? 1 : 0;
            if (i == n - 1 || s[order[i + 1]] != s[order[i]])
            {
                tps.Add(tp);
                fps.Add(i + 1 - tp);
                thr.Add(s[order[i]]);
            }
        }

        return ([.. fps], [.. tps], [.. thr]);
    }

    // roc_curve(drop_intermediate=True): collinear points dropped, a leading (0, 0) point at max score + 1.
    public static (double[] Fpr, double[] Tpr, double[] Thresholds) Roc(ReadOnlySpan<double> scores,
        ReadOnlySpan<int> y)
    {
        var (fps, tps, thr) = ClfCurve(scores, y);
        var keep = new List<int>();
        for (int i = 0; i < fps.Length; i++)
        {
            bool ends = i == 0 || i == fps.Length - 1 || fps.Length <= 2;
            if (ends || fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0)
            {
                keep.Add(i);
            }
        }

        int m = keep.Count + 1;
        var (fpr, tpr, t) = (new double[m], new double[m], new double[m]);
        t[0] = thr[keep[0]] + 1;
        double fMax = fps[^1], tMax = tps[^1];
        for (int k = 0; k < keep.Count; k++)
        {
            fpr[k + 1] = fMax > 0 ? fps[keep[k]] / fMax : double.NaN;
            tpr[k + 1] = tMax > 0 ? tps[keep[k]] / tMax : double.NaN;
            t[k + 1] = thr[keep[k]];
        }

        fpr[0] = fMax > 0 ? 0 : double.NaN;
        tpr[0] = tMax > 0 ? 0 : double.NaN;
        return (fpr, tpr, t);
    }

    // precision_recall_curve: points in increasing threshold order, then the (precision 1, recall 0) end point.
    public static (double[] Precision, double[] Recall, double[] Thresholds) PrecisionRecall(
        ReadOnlySpan<double> scores, ReadOnlySpan<int> y)
    {
        var (fps, tps, thr) = ClfCurve(scores, y);
        int m = thr.Length;
        var (p, r, t) = (new double[m + 1], new double[m + 1], new double[m]);
        double tMax = tps[^1];
        for (int k = 0; k < m; k++)
        {
            int src = m - 1 - k;
            double ps = tps[src] + fps[src];
            p[k] = ps != 0 ? tps[src] / ps : 0;
            r[k] = tMax == 0 ? 1 : tps[src] / tMax;
            t[k] = thr[src];
        }

        p[m] = 1;
        r[m] = 0;
        return (p, r, t);
    }

    // Area under the ROC curve by trapezoids (ties count half).
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<int> y)
    {
        var (fps, tps, _) = ClfCurve(scores, y);
        double fMax = fps[^1], tMax = tps[^1];
        if (fMax == 0 || tMax == 0)
        {
            throw new ArgumentException(
                "ROC AUC needs both similar (+1) and dissimilar (-1) pairs; only one kind was given.");
        }

        double area = 0, f0 = 0, t0 = 0;
        for (int i = 0; i < fps.Length; i++)
        {
            double f1 = fps[i] / fMax, t1 = tps[i] / tMax;
            area += (f1 - f0) * (t1 + t0) / 2;
            (f0, t0) = (f1, t1);
        }

        return area;
    }
}
