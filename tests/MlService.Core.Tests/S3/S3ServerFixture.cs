using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Minio.DataModel.Args;
using MlService.Core.Stores;
using MlService.Core.Stores.S3;

namespace MlService.Core.Tests.S3;

/// <summary>
/// A real s3rver process on 127.0.0.1 (a free port, a temp data folder) for the S3 tests, started through our
/// launcher with the namespace fix, with the buckets <c>models</c> and <c>mlflow</c>. Stopped and its folder
/// deleted on dispose. Tests isolate themselves by unique prefixes or their own buckets.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private int _buckets;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"mlservice-s3rver-{Guid.NewGuid():N}");
    public int Port { get; private set; }
    public string EndpointUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Settings of the running server, with short timeouts so a broken test fails fast.</summary>
    public S3Settings Settings => new()
    {
        EndpointUrl = EndpointUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ConnectTimeoutSeconds = 5,
        RequestTimeoutSeconds = 30,
    };

    public S3Connection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await S3rverPackage.EnsureInstalledAsync();
        Directory.CreateDirectory(DataDirectory);
        Port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = S3rverPackage.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // DES for ListObjectsV2 continuation tokens needs the legacy provider (see start-s3rver.js).
        foreach (var argument in new[] { "--openssl-legacy-provider", S3rverPackage.Launcher, DataDirectory, Port.ToString(), "--exit-with-stdin" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node: node 20 must be installed");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();

        Connection = S3Connection.Create(Settings);
        await CreateBucketAsync("models");
        await CreateBucketAsync("mlflow");
    }

    /// <summary>A bucket of the test's own (for tests that need a bucket no other test writes to).</summary>
    public async Task<string> NewBucketAsync()
    {
        var name = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..24];
        await CreateBucketAsync(name);
        return name;
    }

    /// <summary>A fresh registry root: a unique prefix in the <c>models</c> bucket.</summary>
    public S3BlobStore NewStore(string bucket = "models") => new(S3Location.Parse($"s3://{bucket}/{Guid.NewGuid():N}"), Connection);

    public async Task CreateBucketAsync(string bucket) =>
        await Connection.Client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket));

    /// <summary>The server's recent log lines, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.StandardInput.Close(); // the launcher stops itself when its stdin closes
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        _process?.Dispose();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"s3rver exited with {_process.ExitCode} before answering:\n{RecentOutput}");
            try
            {
                using var response = await http.GetAsync($"{EndpointUrl}/");
                if (response.StatusCode == HttpStatusCode.OK) return;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
