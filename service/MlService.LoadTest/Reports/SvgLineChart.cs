using System.Text;

namespace MlService.LoadTest.Reports;

/// <summary>A line chart as inline SVG (no scripts, no external resources): axes, grid, tick labels, legend.</summary>
public static class SvgLineChart
{
    private const int Width = 760, Height = 280, Left = 64, Right = 16, Top = 36, Bottom = 40;

    public static string Render(string title, string yUnit, IReadOnlyList<double> x, IReadOnlyList<ChartSeries> series)
    {
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(inv, $"<text x=\"{Left}\" y=\"20\" class=\"title\">{Encode(title)}</text>");
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var xMax = x.Count == 0 ? 1 : Math.Max(x.Max(), 1e-9);
        var yMax = ChartScale.NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        double Px(double v) => Left + v / xMax * plotWidth;
        double Py(double v) => Top + plotHeight - v / yMax * plotHeight;

        for (var i = 0; i <= 4; i++)
        {
            var value = yMax * i / 4;
            svg.Append(inv, $"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Py(value):F1}\" y2=\"{Py(value):F1}\" class=\"grid\"/>");
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Py(value) + 4:F1}\" class=\"tick\" text-anchor=\"end\">{ChartScale.Label(value)}</text>");
        }
        var xStep = ChartScale.NiceMax(xMax / 6);
        for (var v = 0.0; v <= xMax + 1e-9; v += xStep)
            svg.Append(inv, $"<text x=\"{Px(v):F1}\" y=\"{Top + plotHeight + 16}\" class=\"tick\" text-anchor=\"middle\">{ChartScale.Label(v)}</text>");
        svg.Append(inv, $"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 6}\" class=\"axis\" text-anchor=\"middle\">seconds</text>");
        svg.Append(inv, $"<text x=\"14\" y=\"{Top + plotHeight / 2}\" class=\"axis\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Top + plotHeight / 2})\">{Encode(yUnit)}</text>");
        svg.Append(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" class=\"frame\"/>");

        var legendX = Left + plotWidth;
        for (var s = series.Count - 1; s >= 0; s--)
        {
            var line = series[s];
            var points = string.Join(" ", x.Zip(line.Values, (px, py) => string.Create(inv, $"{Px(px):F1},{Py(py):F1}")));
            svg.Append(inv, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\"><title>{Encode(line.Name)}</title></polyline>");
            legendX -= 14 + line.Name.Length * 7;
            svg.Append(inv, $"<rect x=\"{legendX}\" y=\"12\" width=\"10\" height=\"10\" fill=\"{line.Color}\"/>");
            svg.Append(inv, $"<text x=\"{legendX + 13}\" y=\"21\" class=\"legend\">{Encode(line.Name)}</text>");
            legendX -= 10;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
