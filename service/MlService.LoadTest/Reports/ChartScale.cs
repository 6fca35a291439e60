namespace MlService.LoadTest.Reports;

/// <summary>Axis arithmetic shared by the charts: a "nice" upper bound (1, 2, 2.5 or 5 times a power of ten).</summary>
public static class ChartScale
{
    public static double NiceMax(double max)
    {
        if (!(max > 0) || double.IsInfinity(max)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    public static string Label(double value) =>
        value >= 1000 ? (value / 1000).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "k"
        : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
