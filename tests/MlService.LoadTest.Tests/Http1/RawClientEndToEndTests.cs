using System.Net.Http;
using System.Text.Json;
using MlService.LoadTest.Http1;
using MlService.LoadTest.Tests.Cli;

namespace MlService.LoadTest.Tests.Http1;

public sealed class RawClientEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadtest-raw-").FullName;
    private string RowsFile => Path.Combine(_dir, "rows.json");

    public Task InitializeAsync() => File.WriteAllTextAsync(RowsFile, """[{"x":1},{"x":2}]""");

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("--mode", "closed", "-c", "4")]
    [InlineData("--rate", "400")]
    public async Task TheRawClientCountsWhatHttpClientCounts(params string[] modeArgs)
    {
        await using var server = await FakeModelServer.StartAsync();

        // 40 requests each: the fake answers a repeating pattern of 10 (every 5th a 500, replicas alternating).
        var raw = await RunAgainstAsync(server, "raw", modeArgs);
        var httpClient = await RunAgainstAsync(server, "httpclient", modeArgs);

        Assert.Equal(80, server.Predictions);
        Assert.Equal(Summary(httpClient), Summary(raw));
        Assert.Equal("""{"requests":40,"successes":32,"errors":8,"rows":32}|500:8|replica-a:20,replica-b:20|40""", Summary(raw));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheRawClientReconnectsWhenTheServerClosesTheConnection(bool saysSo)
    {
        // Every third answer ends its connection, announced by Connection: close or silently after the answer.
        await using var server = new ScriptedHttpServer((n, _) => (ScriptedHttpServer.Response(200, "s", saysSo && n % 3 == 0), Close: n % 3 == 0));

        var (exitCode, output, error) = await RunAsync(server.BaseUrl, "-c", "1", "--requests", "10");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("requests      10 (10 ok, 0 errors", output);
        Assert.Equal(10, server.Requests);
        Assert.Equal(4, server.Connections);
    }

    [Theory]
    [InlineData("raw", 0, 1)]
    [InlineData("raw", 2, 5)]
    [InlineData("raw", 1, 10)]
    [InlineData("httpclient", 2, 5)]
    public async Task NewConnectionEveryNRequestsAsksForCloseAndReconnects(string client, int every, int connections)
    {
        var askedClose = 0;
        await using var server = new ScriptedHttpServer((_, asksClose) =>
        {
            if (asksClose) Interlocked.Increment(ref askedClose);
            // As RFC 9112 (9.6) asks of a server: a request's close option is answered with one, then the connection ends.
            return (ScriptedHttpServer.Response(200, "s", connectionClose: asksClose), false);
        });

        var (exitCode, output, error) = await RunAsync(server.BaseUrl, "--client", client, "-c", "1", "--requests", "10", "--new-connection-every", every.ToString());

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.True((10, connections) == (server.Requests, server.Connections), $"{server.Requests} requests on {server.Connections} connections\n{output}");
        Assert.Equal(every == 0 ? 0 : 10 / every, askedClose);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("httpclient")]
    public async Task AStalledServerGivesTimeouts(string client)
    {
        await using var server = new ScriptedHttpServer((_, _) => null);

        var (exitCode, output, error) = await RunAsync(server.BaseUrl, "--client", client, "-c", "2", "--requests", "4", "--timeout", "300ms");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("requests      4 (0 ok, 4 errors", output);
        Assert.Contains("errors by exception  timeout: 4", output);
    }

    [Fact]
    public async Task AnAnswerThatIsNotHttpIsAnInvalidResponse()
    {
        await using var server = new ScriptedHttpServer((_, _) => ("HTTP/1.1 OK\r\n\r\n", true));

        var (exitCode, output, error) = await RunAsync(server.BaseUrl, "-c", "1", "--requests", "3");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("errors by exception  HttpRequestException (InvalidResponse): 3", output);
    }

    [Fact]
    public async Task ARefusedConnectionIsAConnectionError()
    {
        var port = new ScriptedHttpServer((_, _) => null);
        var url = port.BaseUrl;
        await port.DisposeAsync();

        var (exitCode, output, error) = await RunAsync(url, "-c", "1", "--requests", "2");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains("errors by exception  HttpRequestException (ConnectionError): 2", output);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("[2001:db8::1]")]
    public async Task TheRawClientConnectsOnlyToLoopbackWithoutAllowRemote(string host)
    {
        using var pool = new Http1ConnectionPool(host, 8080, allowRemote: false);

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(async () => await pool.OpenAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, refusal.HttpRequestError);
        Assert.Contains("--allow-remote", refusal.Message);
        Assert.Equal(0, pool.Opened);
    }

    private async Task<string> RunAgainstAsync(FakeModelServer server, string client, string[] modeArgs)
    {
        var json = Path.Combine(_dir, $"{client}.json");
        var (exitCode, output, error) = await LoadToolInvocation.RunAsync(
            ["--target", server.BaseUrl.ToString(), "--model", "m", "--no-progress", "--requests", "40", "--client", client, "--json-out", json, .. modeArgs]);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.Contains(client == "raw" ? ", raw HTTP/1.1 client\n" : ", HttpClient\n", output);
        return json;
    }

    /// <summary>Totals, errors by status, replicas and the latency count of a JSON report, as one comparable line.</summary>
    private static string Summary(string jsonPath)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = report.RootElement;
        var totals = root.GetProperty("totals");
        var counts = JsonSerializer.Serialize(new
        {
            requests = totals.GetProperty("requests").GetInt64(),
            successes = totals.GetProperty("successes").GetInt64(),
            errors = totals.GetProperty("errors").GetInt64(),
            rows = totals.GetProperty("rows").GetInt64(),
        });
        var statuses = string.Join(",", root.GetProperty("errors_by_status").EnumerateObject().Select(p => $"{p.Name}:{p.Value}"));
        var replicas = string.Join(",", root.GetProperty("replicas").EnumerateArray().OrderBy(r => r.GetProperty("name").GetString())
            .Select(r => $"{r.GetProperty("name").GetString()}:{r.GetProperty("requests").GetInt64()}"));
        Assert.Empty(root.GetProperty("errors_by_exception").EnumerateObject());
        return $"{counts}|{statuses}|{replicas}|{root.GetProperty("latency").GetProperty("count").GetInt64()}";
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(Uri target, params string[] args) =>
        LoadToolInvocation.RunAsync(["--target", target.ToString(), "--model", "m", "--rows-file", RowsFile, "--no-progress", .. args]);
}
