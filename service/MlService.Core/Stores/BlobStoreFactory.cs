using MlService.Core.Stores.S3;

namespace MlService.Core.Stores;

/// <summary>
/// Opens the blob store for a root URI: a path or <c>file://</c> folder, or <c>s3://bucket/prefix</c>.
/// Every S3 store opened by one factory shares one client (one connection pool). Thread-safe.
/// </summary>
public sealed class BlobStoreFactory(S3Settings s3)
{
    private readonly Lazy<S3Connection> _s3Connection = new(() => S3Connection.Create(s3));

    public S3Settings S3 { get; } = s3;

    /// <summary>
    /// Throws <see cref="StoreUnavailableException"/> for an invalid S3 endpoint and <see cref="FormatException"/>
    /// for an s3:// root without a valid bucket. Opening does no I/O; failures to reach the store come on use.
    /// </summary>
    public IBlobStore Open(string root)
    {
        if (S3Location.IsS3(root)) return new S3BlobStore(S3Location.Parse(root), _s3Connection.Value);
        if (root.StartsWith("file://", StringComparison.Ordinal)) return new FileBlobStore(new Uri(root).LocalPath);
        return new FileBlobStore(root);
    }
}
