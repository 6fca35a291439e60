using System.Text.Json.Serialization;

namespace MlService.LoadTest.Reports;

/// <summary>The machine-readable report: config, totals, percentiles, timeline, replicas, errors, steps, SLO.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Render(LoadReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(LoadReport report, string path) => File.WriteAllText(path, Render(report));
}
