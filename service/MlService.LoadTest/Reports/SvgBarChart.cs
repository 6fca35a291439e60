using System.Text;

namespace MlService.LoadTest.Reports;

/// <summary>A horizontal bar chart as inline SVG: one labelled bar per item, the value text at its end.</summary>
public static class SvgBarChart
{
    private const int Width = 760, LabelWidth = 200, BarHeight = 22, Gap = 8, Top = 36;

    public static string Render(string title, IReadOnlyList<(string Label, double Value, string Text)> bars, string color)
    {
        var inv = CultureInfo.InvariantCulture;
        var height = Top + Math.Max(bars.Count, 1) * (BarHeight + Gap) + 8;
        var max = Math.Max(bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), 1e-9);
        var barSpace = Width - LabelWidth - 140;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(inv, $"<text x=\"8\" y=\"20\" class=\"title\">{Encode(title)}</text>");
        if (bars.Count == 0) svg.Append(inv, $"<text x=\"8\" y=\"{Top + 16}\" class=\"tick\">no responses</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = Top + i * (BarHeight + Gap);
            var width = Math.Max(1, value / max * barSpace);
            svg.Append(inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" class=\"tick\" text-anchor=\"end\">{Encode(label)}</text>");
            svg.Append(inv, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width:F1}\" height=\"{BarHeight}\" fill=\"{color}\"><title>{Encode(label)}: {Encode(text)}</title></rect>");
            svg.Append(inv, $"<text x=\"{LabelWidth + width + 6:F1}\" y=\"{y + 15}\" class=\"tick\">{Encode(text)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
