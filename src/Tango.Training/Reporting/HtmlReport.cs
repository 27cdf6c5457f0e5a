using System.Globalization;
using System.Net;
using System.Text;
using Tango.Evaluation;

namespace Tango.Training.Reporting;

/// <summary>
/// The run report: one self-contained HTML file (inline CSS and SVG, no script, no external resource) with the
/// before/after metric table, loss and held-out metrics per epoch, 2-D PCA scatters of the held-out embeddings
/// before and after training coloured by class, and the settings of the run.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:980px;color:#222}
        h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
        p.summary{color:#555;margin-top:0}table{border-collapse:collapse;margin:8px 0}
        td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f2f2f2}
        td.name,th.name{text-align:left}tr.best td{font-weight:bold;background:#eef6ee}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee;background:#fff}
        footer{margin-top:32px;color:#888;font-size:12px}
        """;

    /// <summary>Renders the report as an HTML document.</summary>
    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(content.Title)}</title><style>{Style}</style></head><body>");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>{E(content.Title)}</h1>");
        if (content.Summary is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{E(content.Summary)}</p>");
        }

        Comparison(sb, content);
        Curves(sb, content.History);
        Scatters(sb, content);
        Settings(sb, content.Settings);
        EpochTable(sb, content.History);
        sb.Append("<footer>Written by Tango ")
            .Append(E(typeof(HtmlReport).Assembly.GetName().Version?.ToString() ?? ""))
            .Append(". Metrics: every held-out row queries all other held-out rows (k-NN by squared L2; NMI/AMI ")
            .Append("from k-means with one cluster per class).</footer></body></html>\n");
        return sb.ToString();
    }

    private static void Comparison(StringBuilder sb, ReportContent content)
    {
        if (content.Comparison.Count == 0)
        {
            return;
        }

        var metrics = content.Comparison.SelectMany(r => r.Value.Keys).Distinct().Order().ToList();
        sb.Append("<h2>Held-out retrieval, before and after</h2><table><tr><th class=\"name\">embedding</th>");
        foreach (var m in metrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{E(MetricNames.Title(m))}</th>");
        }

        sb.Append("</tr>");
        for (int r = 0; r < content.Comparison.Count; r++)
        {
            var (name, values) = content.Comparison[r];
            sb.Append(r == content.Comparison.Count - 1 ? "<tr class=\"best\">" : "<tr>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"name\">{E(name)}</td>");
            foreach (var m in metrics)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<td>{Num(values.GetValueOrDefault(m, double.NaN))}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table>");
    }

    private static void Curves(StringBuilder sb, IReadOnlyList<EpochRecord> history)
    {
        var trained = history.Where(h => h.Epoch > 0).ToList();
        var evaluated = history.Where(h => h.Evaluated).ToList();
        if (trained.Count == 0 && evaluated.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Training curves</h2><div class=\"charts\">");
        if (trained.Count > 0)
        {
            sb.Append(SvgChart.Lines("Training loss (mean per epoch)", "epoch", [.. trained.Select(h => (double)h.Epoch)],
                [("loss", [.. trained.Select(h => h.Loss)])]));
        }

        if (evaluated.Count > 0)
        {
            var metrics = evaluated.SelectMany(h => h.Metrics.Keys).Distinct().Order().ToList();
            sb.Append(SvgChart.Lines("Held-out metrics", "epoch", [.. evaluated.Select(h => (double)h.Epoch)],
                [.. metrics.Select(m => (MetricNames.Title(m), (IReadOnlyList<double>)[.. evaluated.Select(h => h[m])]))]));
        }

        sb.Append("</div>");
    }

    private static void Scatters(StringBuilder sb, ReportContent content)
    {
        if (content.ScatterBefore is null && content.ScatterAfter is null)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<h2>Held-out embeddings, 2-D PCA ({content.ScatterLabels.Count} " +
            $"points)</h2><div class=\"charts\">");
        if (content.ScatterBefore is { } before)
        {
            sb.Append(SvgChart.Scatter("Before training", before, content.ScatterLabels, content.ClassNames));
        }

        if (content.ScatterAfter is { } after)
        {
            sb.Append(SvgChart.Scatter("After training", after, content.ScatterLabels, content.ClassNames));
        }

        sb.Append("</div>");
    }

    private static void Settings(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        if (settings.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Settings</h2><table>");
        foreach (var (key, value) in settings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"name\">{E(key)}</td><td class=\"name\">" +
                $"{E(value)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void EpochTable(StringBuilder sb, IReadOnlyList<EpochRecord> history)
    {
        if (history.Count == 0)
        {
            return;
        }

        var metrics = history.SelectMany(h => h.Metrics.Keys).Distinct().Order().ToList();
        sb.Append("<h2>Per epoch</h2><table><tr><th>epoch</th><th>loss</th><th>lr</th><th>seconds</th>");
        foreach (var m in metrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{E(MetricNames.Title(m))}</th>");
        }

        sb.Append("</tr>");
        foreach (var h in history)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{h.Epoch}</td><td>{Num(h.Loss)}</td>" +
                $"<td>{h.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}</td>" +
                $"<td>{h.Seconds.ToString("F2", CultureInfo.InvariantCulture)}</td>");
            foreach (var m in metrics)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<td>{Num(h[m])}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</table>");
    }

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
