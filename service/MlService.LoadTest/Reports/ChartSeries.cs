namespace MlService.LoadTest.Reports;

/// <summary>One line of a line chart: a name for the legend, a CSS colour, and one y value per x value.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
