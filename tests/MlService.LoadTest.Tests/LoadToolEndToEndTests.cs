using System.Text.Json;
using System.Text.Json.Nodes;
using MlService.LoadTest.Tests.Cli;

namespace MlService.LoadTest.Tests;

public sealed class LoadToolEndToEndTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("loadtest-e2e-").FullName;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("--mode", "closed", "--connections", "4")]
    [InlineData("--rate", "400", "--max-in-flight", "1000")]
    public async Task BoundedRunCountsRequestsErrorsAndReplicas(params string[] modeArgs)
    {
        var json = Path.Combine(_dir, "report.json");

        var (exitCode, output, error) = await LoadToolInvocation.RunAsync(
            [.. Common(), "--requests", "40", "--json-out", json, .. modeArgs]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Equal(40, _server.Predictions);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var totals = report.RootElement.GetProperty("totals");
        Assert.Equal((40L, 32L, 8L), (totals.GetProperty("requests").GetInt64(), totals.GetProperty("successes").GetInt64(), totals.GetProperty("errors").GetInt64()));
        Assert.Equal(32, totals.GetProperty("rows").GetInt64());
        Assert.Equal(8, report.RootElement.GetProperty("errors_by_status").GetProperty("500").GetInt64());
        Assert.Empty(report.RootElement.GetProperty("errors_by_exception").EnumerateObject());
        var replicas = report.RootElement.GetProperty("replicas").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (r.GetProperty("requests").GetInt64(), r.GetProperty("percent").GetDouble()));
        Assert.Equal(new Dictionary<string, (long, double)> { ["replica-a"] = (20, 50.0), ["replica-b"] = (20, 50.0) }, replicas);
        Assert.Equal(40, report.RootElement.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.Contains("requests      40 (32 ok, 8 errors = 20.00 %", output);
        Assert.Contains("replica-a", output);
        Assert.Contains("500: 8", output);
    }

    [Fact]
    public async Task EveryBodyIsAValidRowOfTheSignature()
    {
        var (exitCode, _, _) = await LoadToolInvocation.RunAsync([.. Common(), "--requests", "10", "--batch-size", "3"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(10, _server.Bodies.Count);
        Assert.All(_server.Bodies, body =>
        {
            var rows = Assert.IsType<JsonArray>(JsonNode.Parse(body));
            Assert.Equal(3, rows.Count);
            Assert.All(rows, row =>
            {
                Assert.Equal(["age", "chol", "smoker", "city"], row!.AsObject().Select(p => p.Key));
                Assert.InRange(row["age"]!.GetValue<long>(), 20, 90);
                Assert.InRange(row["chol"]!.GetValue<double>(), 90.25, 300);
                Assert.Contains(row["smoker"]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
                Assert.Contains(row["city"]!.GetValue<string>(), new[] { "Oslo", "Lima" });
            });
        });
    }

    [Theory]
    [InlineData("mlflow", "m", "/invocations {\"dataframe_split\":{\"columns\":[\"age\",\"chol\",\"smoker\",\"city\"],\"data\":[[")]
    [InlineData("v2", "m", "/v2/models/m/infer {\"inputs\":[{\"name\":\"age\",\"shape\":[2,1],\"datatype\":\"INT64\",\"data\":[")]
    [InlineData("v2", "v2only", "/v2/models/v2only/infer {\"inputs\":[{\"name\":\"age\",\"shape\":[2,1],\"datatype\":\"INT64\",\"data\":[")]
    public async Task EachProtocolPostsItsBodyShapeToItsRoute(string protocol, string model, string expectedStart)
    {
        var (exitCode, output, error) = await LoadToolInvocation.RunAsync(
            "--target", _server.BaseUrl.ToString(), "--model", model, "--protocol", protocol, "--batch-size", "2", "--requests", "6", "--no-progress");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Equal(6, _server.Bodies.Count);
        Assert.All(_server.Bodies, body => Assert.StartsWith(expectedStart, body));
        Assert.Contains("requests      6 (6 ok, 0 errors", output);
    }

    [Theory]
    [InlineData("0.1", 2)]
    [InlineData("0.25", 0)]
    public async Task BrokenErrorRateLimitExitsWithTwo(string maxErrorRate, int expectedExitCode)
    {
        var (exitCode, output, _) = await LoadToolInvocation.RunAsync([.. Common(), "--requests", "20", "--max-error-rate", maxErrorRate]);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains(expectedExitCode == 0 ? "SLO: passed" : "SLO: BROKEN", output);
    }

    [Fact]
    public async Task StepModeReportsTheHighestRateThatMetTheSlo()
    {
        var json = Path.Combine(_dir, "steps.json");

        var (exitCode, output, error) = await LoadToolInvocation.RunAsync(
            [.. Common(), "--step-start", "20", "--step-increment", "20", "--step-duration", "500ms", "--step-max-rate", "40",
             "--slo-p99-ms", "5000", "--slo-max-error-rate", "0.5", "--json-out", json]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var steps = report.RootElement.GetProperty("steps");
        Assert.Equal(40, steps.GetProperty("highest_sustainable_rate").GetDouble());
        Assert.Equal([20.0, 40.0], steps.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("rate").GetDouble()));
        Assert.All(steps.GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("passed").GetBoolean()));
        Assert.Equal(30, _server.Predictions); // 10 + 20 requests in two half-second steps
    }

    [Fact]
    public async Task StepModeWhoseFirstStepBreaksTheSloExitsWithTwo()
    {
        var (exitCode, output, _) = await LoadToolInvocation.RunAsync(
            [.. Common(), "--step-start", "20", "--step-increment", "20", "--step-duration", "500ms", "--slo-max-error-rate", "0.01"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("highest sustainable rate: none", output);
        Assert.Equal(10, _server.Predictions);
    }

    [Fact]
    public async Task HtmlReportIsWrittenWithTheReplicaChart()
    {
        var html = Path.Combine(_dir, "report.html");

        var (exitCode, _, _) = await LoadToolInvocation.RunAsync([.. Common(), "--requests", "12", "--html-out", html]);

        Assert.Equal(0, exitCode);
        var text = File.ReadAllText(html);
        Assert.Contains("replica-a", text);
        Assert.Contains("6 (50.0 %)", text);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 5)]
    public async Task NewConnectionEveryNRequestsOpensFreshConnections(int every, int connections)
    {
        var (exitCode, _, _) = await LoadToolInvocation.RunAsync([.. Common(), "-c", "1", "--requests", "10", "--new-connection-every", every.ToString()]);

        Assert.Equal(0, exitCode);
        Assert.Equal(10, _server.Predictions);
        Assert.Equal(connections, _server.Connections.Count);
    }

    [Fact]
    public async Task ARemoteTargetIsRefusedBeforeAnyRequest()
    {
        var (exitCode, _, error) = await LoadToolInvocation.RunAsync("--target", "http://10.0.0.1:8080", "--requests", "5");

        Assert.Equal(1, exitCode);
        Assert.Contains("--allow-remote", error);
    }

    private string[] Common() => ["--target", _server.BaseUrl.ToString(), "--model", "m", "--no-progress", "--seed", "5"];
}
