using System.Globalization;
using System.Net;
using System.Text;

namespace Tango.Training.Reporting;

/// <summary>
/// Small self-contained SVG charts for the HTML report: line charts (one polyline per series, NaN values left
/// out) and scatter plots coloured by class, each with axes, ticks and a legend. Plain SVG 1.1, no script.
/// </summary>
public static class SvgChart
{
    /// <summary>A categorical palette (Tableau 10), enough for ten classes; it cycles beyond.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private static readonly double[] NiceSteps = [1.0, 2.0, 5.0, 10.0];

    private const int Width = 470, Height = 300, Left = 50, Right = 92, Top = 30, Bottom = 42;

    /// <summary>A line chart of several series over shared x values.</summary>
    public static string Lines(string title, string xLabel, IReadOnlyList<double> x,
        IReadOnlyList<(string Name, IReadOnlyList<double> Y)> series)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        var ys = series.SelectMany(s => s.Y).Where(double.IsFinite).ToList();
        var (xMin, xMax) = Range(x.Where(double.IsFinite));
        var (yMin, yMax) = Range(ys);
        var sb = Open(title);
        Axes(sb, xMin, xMax, yMin, yMax, xLabel, integerX: x.All(v => v == Math.Floor(v)));
        for (int s = 0; s < series.Count; s++)
        {
            string color = Palette[s % Palette.Count];
            var points = new List<string>();
            for (int i = 0; i < x.Count && i < series[s].Y.Count; i++)
            {
                double y = series[s].Y[i];
                if (double.IsFinite(y) && double.IsFinite(x[i]))
                {
                    points.Add(F(Px(x[i], xMin, xMax)) + "," + F(Py(y, yMin, yMax)));
                }
            }

            if (points.Count > 1)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
            }

            foreach (var p in points)
            {
                var xy = p.Split(',');
                sb.Append(CultureInfo.InvariantCulture,
                    $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\" fill=\"{color}\"/>");
            }
        }

        Legend(sb, series.Select(s => s.Name).ToList());
        return Close(sb);
    }

    /// <summary>A scatter plot of (n, 2) row-major <paramref name="xy"/> coloured by <paramref name="labels"/>.
    /// </summary>
    public static string Scatter(string title, ReadOnlySpan<float> xy, IReadOnlyList<int> labels,
        IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        int n = labels.Count;
        if (xy.Length != 2 * n)
        {
            throw new ArgumentException($"Scatter: {xy.Length} coordinates for {n} labels.");
        }

        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            (xs[i], ys[i]) = (xy[2 * i], xy[2 * i + 1]);
        }

        var (xMin, xMax) = Range(xs.Where(double.IsFinite));
        var (yMin, yMax) = Range(ys.Where(double.IsFinite));
        // Colours by rank among the classes present, so that held-out classes 5–9 get the palette's first colours.
        var present = labels.Distinct().Order().ToList();
        var rank = present.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var sb = Open(title);
        Axes(sb, xMin, xMax, yMin, yMax, "PC 1");
        for (int i = 0; i < n; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Px(xs[i], xMin, xMax))}\" " +
                    $"cy=\"{F(Py(ys[i], yMin, yMax))}\" r=\"1.8\" fill=\"{Palette[rank[labels[i]] % Palette.Count]}\" " +
                    $"fill-opacity=\"0.7\"/>");
            }
        }

        Legend(sb, present.Select(c => c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture))
            .ToList());
        return Close(sb);
    }

    private static StringBuilder Open(string title)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" " +
            $"height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">" +
            $"{Escape(title)}</text>");
        return sb;
    }

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void Axes(StringBuilder sb, double xMin, double xMax, double yMin, double yMax, string xLabel,
        bool integerX = false)
    {
        int plotBottom = Height - Bottom, plotRight = Width - Right;
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotRight - Left}\" " +
            $"height=\"{plotBottom - Top}\" fill=\"#fafafa\" stroke=\"#999\"/>");
        foreach (double t in Ticks(yMin, yMax))
        {
            string y = F(Py(t, yMin, yMax));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{plotRight}\" y1=\"{y}\" y2=\"{y}\" " +
                $"stroke=\"#e4e4e4\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 5}\" y=\"{y}\" dy=\"3.5\" " +
                $"text-anchor=\"end\">{Label(t)}</text>");
        }

        // Epochs are whole numbers: no 1.5 ticks.
        foreach (double t in Ticks(xMin, xMax).Where(t => !integerX || t == Math.Floor(t)))
        {
            string x = F(Px(t, xMin, xMax));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" x2=\"{x}\" y1=\"{plotBottom}\" " +
                $"y2=\"{plotBottom + 4}\" stroke=\"#999\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{plotBottom + 16}\" " +
                $"text-anchor=\"middle\">{Label(t)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + plotRight) / 2}\" y=\"{Height - 6}\" " +
            $"text-anchor=\"middle\">{Escape(xLabel)}</text>");
    }

    private static void Legend(StringBuilder sb, List<string> names)
    {
        double x = Width - Right + 8, y = Top + 12;
        for (int i = 0; i < names.Count; i++)
        {
            string color = Palette[i % Palette.Count];
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{F(x)}\" y=\"{F(y - 8)}\" width=\"10\" height=\"10\" fill=\"{color}\"/>" +
                $"<text x=\"{F(x + 14)}\" y=\"{F(y + 1)}\">{Escape(names[i])}</text>");
            y += 14;
        }
    }

    private static double Px(double x, double min, double max) => Left + (x - min) / (max - min) * (Width - Right - Left);

    private static double Py(double y, double min, double max) =>
        Height - Bottom - (y - min) / (max - min) * (Height - Bottom - Top);

    // Data range padded by 5%; a degenerate range is widened so that scaling never divides by zero.
    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }

        if (!double.IsFinite(min))
        {
            return (0, 1);
        }

        double pad = max > min ? 0.05 * (max - min) : Math.Max(0.5, Math.Abs(min) * 0.1);
        return (min - pad, max + pad);
    }

    // About five "nice" ticks (1, 2 or 5 times a power of ten) inside [min, max].
    internal static List<double> Ticks(double min, double max)
    {
        double raw = (max - min) / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = NiceSteps.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step) * step; t <= max + 1e-9 * step; t += step)
        {
            ticks.Add(Math.Abs(t) < 1e-12 * step ? 0 : t);
        }

        return ticks;
    }

    private static string Label(double t) => t.ToString("G4", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
