namespace MlService.Core.Stores;

/// <summary>Opens the blob store for a root URI: a path or <c>file://</c> folder, or <c>s3://bucket/prefix</c>.</summary>
public sealed class BlobStoreFactory(S3Settings s3)
{
    public S3Settings S3 { get; } = s3;

    public IBlobStore Open(string root)
    {
        if (root.StartsWith("s3://", StringComparison.Ordinal))
            throw new StoreUnavailableException($"S3 store '{root}' cannot be opened: S3 support is not built yet");
        if (root.StartsWith("file://", StringComparison.Ordinal)) return new FileBlobStore(new Uri(root).LocalPath);
        return new FileBlobStore(root);
    }
}
