using System.Globalization;
using System.Net;
using System.Text;
using Tango.Core.IO;

namespace Tango.Mining;

/// <summary>
/// A self-contained HTML page (inline SVG, no scripts or external files) with the histograms of positive and
/// chosen-negative scores on shared bins, written atomically.
/// </summary>
public static class ScoreHistogramHtml
{
    private const int Width = 720, Height = 360, Left = 56, Right = 16, Top = 40, Bottom = 48;

    /// <summary>Writes the page to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<float> positives, IReadOnlyList<float> negatives,
        int bins = 40, string title = "Scores of positives and chosen negatives")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string html = Render(positives, negatives, bins, title);
        using var file = AtomicFile.Create(path);
        file.Stream.Write(Encoding.UTF8.GetBytes(html));
        file.Commit();
    }

    /// <summary>The page as a string.</summary>
    public static string Render(IReadOnlyList<float> positives, IReadOnlyList<float> negatives, int bins,
        string title)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var all = positives.Concat(negatives).ToArray();
        float lo = all.Length == 0 ? 0f : all.Min(), hi = all.Length == 0 ? 1f : all.Max();
        if (hi <= lo)
        {
            hi = lo + 1f;
        }

        var p = Counts(positives, lo, hi, bins);
        var n = Counts(negatives, lo, hi, bins);
        int peak = Math.Max(1, Math.Max(p.Max(), n.Max()));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" ")
            .Append(CultureInfo.InvariantCulture, $"height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Bars(svg, p, peak, "#1f77b4");
        Bars(svg, n, peak, "#ff7f0e");
        Axes(svg, lo, hi, peak);
        Legend(svg, positives.Count, negatives.Count);
        svg.Append("</svg>");
        string t = WebUtility.HtmlEncode(title);
        return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body>\n" +
               $"<h2 style=\"font-family:sans-serif\">{t}</h2>\n{svg}\n</body></html>\n";
    }

    internal static int[] Counts(IReadOnlyList<float> scores, float lo, float hi, int bins)
    {
        var counts = new int[bins];
        foreach (float s in scores)
        {
            int b = (int)((s - lo) / (hi - lo) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return counts;
    }

    private static void Bars(StringBuilder svg, int[] counts, int peak, string colour)
    {
        double w = (double)(Width - Left - Right) / counts.Length, plot = Height - Top - Bottom;
        for (int b = 0; b < counts.Length; b++)
        {
            double h = plot * counts[b] / peak;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{Left + b * w:F1}\" y=\"{Height - Bottom - h:F1}\" width=\"{w:F1}\" height=\"{h:F1}\" " +
                $"fill=\"{colour}\" fill-opacity=\"0.55\"><title>{counts[b]}</title></rect>");
        }
    }

    private static void Axes(StringBuilder svg, float lo, float hi, int peak)
    {
        int y0 = Height - Bottom;
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{y0}\" x2=\"{Width - Right}\" y2=\"{y0}\" stroke=\"black\"/>" +
            $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{y0}\" stroke=\"black\"/>");
        for (int t = 0; t <= 4; t++)
        {
            double x = Left + (Width - Left - Right) * t / 4.0;
            double v = lo + (hi - lo) * t / 4.0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x:F1}\" y=\"{y0 + 16}\" text-anchor=\"middle\">{v:G4}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{peak}</text>" +
            $"<text x=\"{Left - 6}\" y=\"{y0}\" text-anchor=\"end\">0</text>" +
            $"<text x=\"{(Width + Left) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">score</text>");
    }

    private static void Legend(StringBuilder svg, int positives, int negatives)
    {
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{Left + 10}\" y=\"12\" width=\"12\" height=\"12\" fill=\"#1f77b4\" fill-opacity=\"0.55\"/>" +
            $"<text x=\"{Left + 28}\" y=\"22\">positives ({positives})</text>" +
            $"<rect x=\"{Left + 200}\" y=\"12\" width=\"12\" height=\"12\" fill=\"#ff7f0e\" fill-opacity=\"0.55\"/>" +
            $"<text x=\"{Left + 218}\" y=\"22\">chosen negatives ({negatives})</text>");
    }
}
