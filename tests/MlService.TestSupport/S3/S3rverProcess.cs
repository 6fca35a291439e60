using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MlService.TestSupport.S3;

/// <summary>
/// One running <c>node start-s3rver.js</c> on 127.0.0.1 and a free port (or a given one, so a stopped server
/// can come back where its clients look for it), optionally serving https with a given certificate.
/// Started only once it answers (bounded wait); stopped on dispose.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private S3rverProcess(Process process, string endpointUrl)
    {
        _process = process;
        EndpointUrl = endpointUrl;
    }

    public string EndpointUrl { get; }

    /// <summary>The server's recent log lines, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public int Port { get; private init; }

    public static async Task<S3rverProcess> StartAsync(string dataDirectory, (string CertificatePem, string KeyPem)? tls = null)
    {
        await S3rverPackage.EnsureInstalledAsync();
        // Another process may take the free port between our probe and node binding it; then pick another.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await StartOnPortAsync(dataDirectory, ExternalTool.FreePort(), tls) is { } server) return server;
        }
        throw new InvalidOperationException("s3rver found its port taken three times in a row");
    }

    /// <summary>Starts on <paramref name="port"/> exactly (e.g. the port of a server the test stopped); fails if it is taken.</summary>
    public static async Task<S3rverProcess> StartAsync(string dataDirectory, int port)
    {
        await S3rverPackage.EnsureInstalledAsync();
        return await StartOnPortAsync(dataDirectory, port, tls: null)
            ?? throw new InvalidOperationException($"s3rver cannot listen on 127.0.0.1:{port}: the port is taken");
    }

    /// <summary>The running server, or null when its port was taken before it could bind it.</summary>
    private static async Task<S3rverProcess?> StartOnPortAsync(string dataDirectory, int port, (string CertificatePem, string KeyPem)? tls)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = S3rverPackage.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // DES for ListObjectsV2 continuation tokens needs the legacy provider (see start-s3rver.js).
        var arguments = new List<string> { "--openssl-legacy-provider", S3rverPackage.Launcher, dataDirectory, port.ToString(), "--exit-with-stdin" };
        if (tls is { } files) arguments.AddRange(["--tls", files.CertificatePem, files.KeyPem]);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node: node 20 must be installed");
        var server = new S3rverProcess(process, $"{(tls is null ? "http" : "https")}://127.0.0.1:{port}") { Port = port };
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (await server.WaitUntilAnsweringAsync()) return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        await server.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the launcher stops itself when its stdin closes
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    /// <summary>True once the server answers; false when it exited because its port was taken.</summary>
    private async Task<bool> WaitUntilAnsweringAsync()
    {
        // Readiness only: the test server's certificate is not what is checked here.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
                if (RecentOutput.Contains("EADDRINUSE", StringComparison.Ordinal)) return false;
                throw new InvalidOperationException($"s3rver exited with {_process.ExitCode} before answering:\n{RecentOutput}");
            }
            try
            {
                using var response = await http.GetAsync($"{EndpointUrl}/");
                if (response.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"s3rver did not answer on {EndpointUrl} within {StartTimeout}:\n{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }
}
