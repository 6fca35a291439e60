namespace MlService.Api.Tests.RealParts;

/// <summary>A real Prometheus (Debian package) scrapes the running service; promtool lints the exposition.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class PrometheusScrapeTests(TrainedModels models)
{
    private Dictionary<string, string?> Env() => models.HeartDiseaseProcess("cache-prometheus");

    [Fact]
    public async Task TheMetricsExpositionPassesPromtool()
    {
        await using var service = await ServiceProcess.StartAsync(Env());
        using var client = await service.ReadyClientAsync();
        await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        await client.PostJsonAsync("/predict", "{}");

        var exposition = await client.GetStringAsync("/metrics");
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(ExternalTool.Require("promtool"), ["check", "metrics"], stdin: exposition);

        Assert.True(exit == 0, $"promtool check metrics failed ({exit}):\n{stdout}\n{stderr}");
    }

    [Fact]
    public async Task PrometheusScrapesThePredictionCounter()
    {
        await using var service = await ServiceProcess.StartAsync(Env());
        using var client = await service.ReadyClientAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);

        var dir = Directory.CreateTempSubdirectory("mlservice-prometheus-").FullName;
        var port = ExternalTool.FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: mlservice
                static_configs: [{targets: ['{{service.BaseAddress.Authority}}']}]
            """);
        using var prometheus = Process.Start(new ProcessStartInfo(ExternalTool.Require("prometheus"),
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            const string query = "/api/v1/query?query=sum(mlservice_predictions_total%7Bmodel%3D%22heart-disease%22%2Coutcome%3D%22ok%22%7D)";
            var value = await Eventually.ReturnsAsync(async () =>
            {
                var result = JsonNode.Parse(await api.GetStringAsync(query))!["data"]!["result"]!.AsArray();
                return result.Count == 0 ? 0 : double.Parse((string)result[0]!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture);
            }, v => v >= 3, TimeSpan.FromSeconds(60), "Prometheus to scrape 3 predictions");
            Assert.Equal(3, value);

            var targets = JsonNode.Parse(await api.GetStringAsync("/api/v1/targets"))!["data"]!["activeTargets"]!.AsArray();
            Assert.Equal("up", (string?)targets.Single()!["health"]);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }
}
