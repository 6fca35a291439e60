namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// The built service as a real OS process on 127.0.0.1 (a free port chosen by Kestrel), for tests that need
/// one: configuration by environment, real Prometheus scraping, a browser, signals. Killed on dispose.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.ApiDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.ApiDll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // No fixed gRPC port (8081) shared by processes running in parallel; gRPC process tests switch it on with their own port.
        start.Environment["MlService__Grpc__Enabled"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException($"service exited with {_process.ExitCode}:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Process Process => _process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the service and waits (bounded) until it listens.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var service = new ServiceProcess(environment);
        var address = await service._address.Task.WaitAsync(TimeSpan.FromSeconds(60));
        service.BaseAddress = new Uri(address);
        return service;
    }

    /// <summary>Runs the service expecting it to exit by itself (e.g. on bad configuration); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string?> environment)
    {
        await using var service = new ServiceProcess(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await service._process.WaitForExitAsync(timeout.Token);
        service._process.WaitForExit();
        return (service._process.ExitCode, service.Output);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client once every model is loaded (bounded wait on /health/ready).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        try
        {
            await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "ready");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var match = ListeningOn().Match(line);
        if (match.Success) _address.TrySetResult(match.Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
