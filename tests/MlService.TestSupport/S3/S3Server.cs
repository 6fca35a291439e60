using Minio.DataModel.Args;
using MlService.Core.Stores;
using MlService.Core.Stores.S3;
using Xunit;

namespace MlService.TestSupport.S3;

/// <summary>
/// A real s3rver on 127.0.0.1 (a free port, a temp data folder) with the buckets <c>models</c> and <c>mlflow</c>.
/// As a collection fixture it serves every test of the collection, which isolate themselves by unique prefixes or
/// their own buckets. A test that needs an outage starts its own (<see cref="StartNewAsync"/>), stops it and
/// starts it again on the same port with the same data, so a service configured with its endpoint sees the store
/// go and come back. Stopped and its folder deleted on dispose.
/// </summary>
public sealed class S3Server : IAsyncLifetime, IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private S3rverProcess? _process;
    private S3Connection? _connection;
    private int _buckets;

    /// <summary>The port of the first start, kept for every restart; 0 before the first start.</summary>
    public int Port { get; private set; }
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"mlservice-s3rver-{Guid.NewGuid():N}");
    public string EndpointUrl => $"http://127.0.0.1:{Port}";
    public bool IsRunning => _process is not null;

    /// <summary>Short timeouts: a stopped server refuses connections at once, a hung one must not stall a test.</summary>
    public S3Settings Settings => new()
    {
        EndpointUrl = EndpointUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ConnectTimeoutSeconds = 5,
        RequestTimeoutSeconds = 30,
    };

    public S3Connection Connection => _connection ??= S3Connection.Create(Settings);

    /// <summary>A running server with the buckets <c>models</c> and <c>mlflow</c>, for a test of its own.</summary>
    public static async Task<S3Server> StartNewAsync()
    {
        var server = new S3Server();
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        await StartAsync();
        await CreateBucketAsync("models");
        await CreateBucketAsync("mlflow");
    }

    /// <summary>Starts on a free port the first time, on the same port afterwards.</summary>
    public async Task StartAsync()
    {
        if (_process is not null) return;
        Directory.CreateDirectory(DataDirectory);
        _process = Port == 0 ? await S3rverProcess.StartAsync(DataDirectory) : await S3rverProcess.StartAsync(DataDirectory, Port);
        Port = _process.Port;
    }

    /// <summary>Stops the process; the port then refuses connections (the store is unreachable).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>The registry at <paramref name="root"/> (<c>s3://bucket/prefix</c>) on this server, for publishing and moving aliases.</summary>
    public ModelStore Registry(string root) => new(Blobs(root));

    public S3BlobStore Blobs(string root) => new(S3Location.Parse(root), Connection);

    /// <summary>A fresh registry root: a unique prefix in the <c>models</c> bucket (or the given one).</summary>
    public S3BlobStore NewStore(string bucket = "models") => Blobs($"s3://{bucket}/{Guid.NewGuid():N}");

    /// <summary>A bucket of the test's own (for tests that need a bucket no other test writes to).</summary>
    public async Task<string> NewBucketAsync()
    {
        var name = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..24];
        await CreateBucketAsync(name);
        return name;
    }

    public async Task CreateBucketAsync(string bucket) =>
        await Connection.Client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket));

    /// <summary>Service configuration that points the store root at this server (the <c>MlService:Store:S3:*</c> keys).</summary>
    public Dictionary<string, string?> StoreSettings(string? root) => new()
    {
        ["MlService:Store:Root"] = root,
        ["MlService:Store:S3:EndpointUrl"] = EndpointUrl,
        ["MlService:Store:S3:AccessKey"] = AccessKey,
        ["MlService:Store:S3:SecretKey"] = SecretKey,
        ["MlService:Store:S3:ConnectTimeoutSeconds"] = "5",
        ["MlService:Store:S3:RequestTimeoutSeconds"] = "30",
    };

    /// <summary>The same, by MLflow's environment names, for a real service process or the trainer CLI.</summary>
    public Dictionary<string, string?> MlflowEnvironment() => new()
    {
        ["MLFLOW_S3_ENDPOINT_URL"] = EndpointUrl,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_DEFAULT_REGION"] = "us-east-1",
    };

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
