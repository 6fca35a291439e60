namespace MlService.Deploy.Tests.Monitoring;

/// <summary>
/// The metric names the service exports: every name its source passes to prometheus-net's Create* calls, plus
/// prometheus-net's process metrics, which MetricsSetup keeps (SuppressProcessMetrics = false).
/// </summary>
public static partial class ExportedMetrics
{
    /// <summary>prometheus-net 8's process and runtime metrics (its DotNetStats), as /metrics shows them.</summary>
    public static readonly IReadOnlySet<string> ProcessMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "process_cpu_seconds_total", "process_working_set_bytes", "process_virtual_memory_bytes",
        "process_private_memory_bytes", "process_open_handles", "process_num_threads", "process_start_time_seconds",
        "dotnet_total_memory_bytes", "dotnet_collection_count_total",
    };

    private static readonly string[] HistogramSeries = ["_bucket", "_count", "_sum"];

    public static IReadOnlySet<string> Names { get; } = Find();

    public static string MetricsSetupSource =>
        File.ReadAllText(RepositoryPaths.Combine("service", "MlService.Api", "Metrics", "MetricsSetup.cs"));

    /// <summary>True when <paramref name="series"/> is an exported metric or one series of an exported histogram.</summary>
    public static bool Has(string series) =>
        Names.Contains(series) || ProcessMetrics.Contains(series)
        || HistogramSeries.Any(s => series.EndsWith(s, StringComparison.Ordinal) && Names.Contains(series[..^s.Length]));

    private static HashSet<string> Find()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("service"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in Created().Matches(File.ReadAllText(file))) names.Add(m.Groups[1].Value);
        }
        return names;
    }

    [GeneratedRegex(@"Create(?:Counter|Gauge|Histogram|Summary)\(\s*""([a-zA-Z_:][a-zA-Z0-9_:]*)""")]
    private static partial Regex Created();
}
