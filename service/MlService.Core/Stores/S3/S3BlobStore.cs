using System.Globalization;
using System.Runtime.CompilerServices;
using Minio.DataModel;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace MlService.Core.Stores.S3;

/// <summary>
/// A blob store under <c>s3://bucket/prefix</c> on S3, MinIO or any S3-compatible server, through the Minio SDK.
/// Serves a registry root (<c>s3://models</c>) as well as one model directory (an MLflow run's
/// <c>s3://mlflow/1/&lt;run&gt;/artifacts/model</c>). Store failures surface as
/// <see cref="StoreUnavailableException"/>; a missing key as <see cref="BlobNotFoundException"/>. Thread-safe.
/// </summary>
public sealed class S3BlobStore(S3Location location, S3Connection connection) : IBlobStore
{
    public S3BlobStore(string root, S3Settings settings) : this(S3Location.Parse(root), S3Connection.Create(settings))
    {
    }

    public S3Location Location { get; } = location;

    public string Root => Location.ToString();

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Recursive listing pages through every key (the SDK follows continuation tokens).
        var args = new ListObjectsArgs().WithBucket(Location.Bucket).WithPrefix(Location.KeyOf(prefix)).WithRecursive(true);
        var items = connection.Client.ListObjectsEnumAsync(args, ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                Item item;
                try
                {
                    if (!await items.MoveNextAsync()) yield break;
                    item = items.Current;
                }
                catch (Exception e) when (S3Errors.IsStoreFailure(e, ct))
                {
                    throw Unavailable(e, $"listing '{Location.KeyOf(prefix)}'");
                }
                if (item.IsDir) continue;
                yield return new BlobInfo(Location.RelativeKey(item.Key), checked((long)item.Size), ParseTime(item.LastModified));
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        var args = new StatObjectArgs().WithBucket(Location.Bucket).WithObject(Location.KeyOf(key));
        try
        {
            await connection.Client.StatObjectAsync(args, ct);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (S3Errors.IsStoreFailure(e, ct))
        {
            throw Unavailable(e, $"checking '{Location.KeyOf(key)}'");
        }
    }

    public async Task ReadAsync(string key, Stream destination, CancellationToken ct = default)
    {
        var args = new GetObjectArgs().WithBucket(Location.Bucket).WithObject(Location.KeyOf(key))
            .WithCallbackStream((source, token) => source.CopyToAsync(destination, token));
        try
        {
            await connection.Client.GetObjectAsync(args, ct);
        }
        catch (ObjectNotFoundException)
        {
            throw new BlobNotFoundException(key);
        }
        catch (Exception e) when (S3Errors.IsStoreFailure(e, ct))
        {
            throw Unavailable(e, $"reading '{Location.KeyOf(key)}'");
        }
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken ct = default)
    {
        if (!content.CanSeek)
        {
            // S3 needs the size up front; spool to a temp file rather than memory, model files can be large.
            await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(spool, ct);
            spool.Position = 0;
            await WriteAsync(key, spool, ct);
            return;
        }
        var args = new PutObjectArgs().WithBucket(Location.Bucket).WithObject(Location.KeyOf(key))
            .WithStreamData(content).WithObjectSize(content.Length - content.Position).WithContentType("application/octet-stream");
        try
        {
            await connection.Client.PutObjectAsync(args, ct);
        }
        catch (Exception e) when (S3Errors.IsStoreFailure(e, ct))
        {
            throw Unavailable(e, $"writing '{Location.KeyOf(key)}'");
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var args = new RemoveObjectArgs().WithBucket(Location.Bucket).WithObject(Location.KeyOf(key));
        try
        {
            await connection.Client.RemoveObjectAsync(args, ct);
        }
        catch (Exception e) when (S3Errors.IsStoreFailure(e, ct))
        {
            throw Unavailable(e, $"deleting '{Location.KeyOf(key)}'");
        }
    }

    public override string ToString() => $"{Root} at {connection.Endpoint}";

    private StoreUnavailableException Unavailable(Exception e, string operation) => S3Errors.Unavailable(e, connection, Location, operation);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
