namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// Debian's real Prometheus on 127.0.0.1 (a free port), scraping one target every second and evaluating the given
/// rule files every second, with its data in a temp folder. Killed and its folder removed on dispose.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusProcess(Process process, string directory, HttpClient api)
    {
        _process = process;
        _directory = directory;
        Api = api;
    }

    /// <summary>The HTTP API (<c>/api/v1/...</c>).</summary>
    public HttpClient Api { get; }

    public static async Task<PrometheusProcess> StartAsync(string target, IEnumerable<string> ruleFiles)
    {
        var dir = Directory.CreateTempSubdirectory("mlservice-prometheus-").FullName;
        var port = ExternalTool.FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        var rules = string.Join(", ", ruleFiles.Select(f => $"'{f}'"));
        await File.WriteAllTextAsync(config, $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [{{rules}}]
            scrape_configs:
              - job_name: mlservice
                static_configs: [{targets: ['{{target}}']}]
            """);
        var process = Process.Start(new ProcessStartInfo(ExternalTool.Require("prometheus"),
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var prometheus = new PrometheusProcess(process, dir, api);
        await Eventually.TrueAsync(async () => (await api.GetAsync("/-/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "Prometheus ready");
        return prometheus;
    }

    /// <summary>An instant query's result vector (empty when the query returns no data); throws on a query error.</summary>
    public async Task<JsonArray> QueryAsync(string promql)
    {
        using var response = await Api.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if ((string?)body["status"] != "success") throw new InvalidOperationException($"query failed: {promql}\n{body.ToJsonString()}");
        return body["data"]!["result"]!.AsArray();
    }

    /// <summary>The finite sample values of an instant vector (NaN and +Inf, e.g. a quantile of nothing, left out).</summary>
    public static IReadOnlyList<double> FiniteValues(JsonArray result) =>
        result.Select(r => double.TryParse((string?)r!["value"]![1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(double.IsFinite).ToList();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
