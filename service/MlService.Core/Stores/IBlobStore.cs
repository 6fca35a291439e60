namespace MlService.Core.Stores;

/// <summary>
/// Flat key/value object storage under a root: a local folder or an S3 bucket prefix. Keys use '/'.
/// The model registry layout (<see cref="ModelStore"/>) is written once on top of this.
/// </summary>
public interface IBlobStore
{
    /// <summary>Human-readable root, e.g. <c>file:///data/models</c> or <c>s3://models/prod</c> (never credentials).</summary>
    string Root { get; }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, recursively.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken ct = default);

    Task<bool> ExistsAsync(string key, CancellationToken ct = default);

    /// <summary>Copies the object to <paramref name="destination"/>; throws <see cref="BlobNotFoundException"/> when missing.</summary>
    Task ReadAsync(string key, Stream destination, CancellationToken ct = default);

    Task WriteAsync(string key, Stream content, CancellationToken ct = default);

    Task DeleteAsync(string key, CancellationToken ct = default);
}

/// <summary>One stored object.</summary>
public sealed record BlobInfo(string Key, long Size, DateTimeOffset? LastModified);

/// <summary>The key does not exist in the store.</summary>
public sealed class BlobNotFoundException(string key) : Exception($"object '{key}' does not exist")
{
    public string Key { get; } = key;
}

/// <summary>The store cannot be reached or refused the request (network, credentials, missing bucket).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
