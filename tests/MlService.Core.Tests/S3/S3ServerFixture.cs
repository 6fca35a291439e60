using Minio.DataModel.Args;
using MlService.Core.Stores;
using MlService.Core.Stores.S3;
using MlService.Tests.Shared.S3rver;

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

    private S3rverProcess? _server;
    private int _buckets;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"mlservice-s3rver-{Guid.NewGuid():N}");
    public string EndpointUrl => _server?.EndpointUrl ?? throw new InvalidOperationException("s3rver is not running");

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
        Directory.CreateDirectory(DataDirectory);
        _server = await S3rverProcess.StartAsync(DataDirectory);
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

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
