using Minio.DataModel.Args;
using MlService.Core.Stores;
using MlService.Core.Stores.S3;
using MlService.Tests.Shared.S3rver;

namespace MlService.Api.Tests.Storage;

/// <summary>
/// A real s3rver on 127.0.0.1 that a test can stop and start again on the same port with the same data, so a
/// service configured with its endpoint sees an outage and a recovery. It may also be created stopped (the
/// store is down when the service starts). Buckets <c>models</c> and <c>mlflow</c>. Deleted on dispose.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private S3rverProcess? _process;
    private S3Connection? _connection;

    private S3Server(int port) => Port = port;

    public int Port { get; }
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"mlservice-api-s3rver-{Guid.NewGuid():N}");
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

    /// <summary>A running server with the buckets <c>models</c> and <c>mlflow</c>.</summary>
    public static async Task<S3Server> StartNewAsync()
    {
        var server = new S3Server(S3rverProcess.FreePort());
        await server.StartAsync();
        await server.CreateBucketAsync("models");
        await server.CreateBucketAsync("mlflow");
        return server;
    }

    public async Task StartAsync()
    {
        if (_process is not null) return;
        Directory.CreateDirectory(DataDirectory);
        _process = await S3rverProcess.StartAsync(DataDirectory, Port);
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

    private S3Connection Connection => _connection ??= S3Connection.Create(Settings);

    private async Task CreateBucketAsync(string bucket) =>
        await Connection.Client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
