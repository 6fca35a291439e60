using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MlService.Core.Tests.S3;

/// <summary>What a caller sees when S3 is down, silent, misconfigured or refuses the credentials.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3StoreFailureTests(S3Server s3)
{
    private const string Secret = "secret-that-must-never-be-shown";

    [Fact]
    public async Task AnEndpointWithNothingListeningFailsQuicklyAsStoreUnavailable()
    {
        var port = PortWithNothingListening();
        var store = new S3BlobStore("s3://models/prod", new S3Settings
        {
            EndpointUrl = $"http://127.0.0.1:{port}", AccessKey = "S3RVER", SecretKey = Secret, ConnectTimeoutSeconds = 2, RequestTimeoutSeconds = 5,
        });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => new ModelStore(store).ListModelsAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"http://127.0.0.1:{port}", error.Message);
        Assert.Contains("bucket 'models'", error.Message);
        Assert.Contains("unreachable", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutAsStoreUnavailable()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections in the kernel backlog and never answers
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var store = new S3BlobStore("s3://models/prod", new S3Settings
        {
            EndpointUrl = $"http://127.0.0.1:{port}", AccessKey = "S3RVER", SecretKey = Secret, ConnectTimeoutSeconds = 2, RequestTimeoutSeconds = 1,
        });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ExistsAsync("heart-disease/1/MLmodel"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("no answer within 1 s", error.Message);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task AMissingBucketIsReportedByName()
    {
        var store = new S3BlobStore(S3Location.Parse("s3://no-such-bucket/prod"), s3.Connection);

        var list = await Assert.ThrowsAsync<StoreUnavailableException>(() => new ModelStore(store).ListModelsAsync());
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("m/1/MLmodel", Stream.Null));

        Assert.Contains("bucket 'no-such-bucket': the bucket does not exist", list.Message);
        Assert.Contains(s3.EndpointUrl, read.Message);
        Assert.Contains("no-such-bucket", read.Message);
    }

    [Fact]
    public async Task RefusedCredentialsAreReportedWithoutTheSecret()
    {
        var store = new S3BlobStore("s3://models/prod", s3.Settings with { AccessKey = "UNKNOWN-KEY", SecretKey = Secret });

        var list = await Assert.ThrowsAsync<StoreUnavailableException>(() => new ModelStore(store).ListModelsAsync());
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync("m/1/MLmodel", Stream.Null));

        Assert.All(new[] { list, read }, e =>
        {
            Assert.Contains("access refused", e.Message);
            Assert.Contains("bucket 'models'", e.Message);
            Assert.DoesNotContain(Secret, e.ToString());
        });
    }

    [Fact]
    public async Task ACallerCancellingIsACancellationNotAStoreFailure()
    {
        var store = s3.NewStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync("m/1/MLmodel", Stream.Null, cancelled.Token));
    }

    [Fact]
    public async Task MaterialisingFromAnUnreachableStoreFailsAsStoreUnavailable()
    {
        var store = new S3BlobStore("s3://models/prod", new S3Settings
        {
            EndpointUrl = $"http://127.0.0.1:{PortWithNothingListening()}", AccessKey = "S3RVER", SecretKey = Secret,
            ConnectTimeoutSeconds = 2, RequestTimeoutSeconds = 5,
        });
        var cache = Path.Combine(Path.GetTempPath(), $"mlservice-cache-{Guid.NewGuid():N}");

        try
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => new ModelCache(cache).MaterializeAsync(store, "heart-disease/1/"));

            Assert.False(Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any());
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    private static int PortWithNothingListening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again on dispose: connections are refused
    }
}
