using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MlService.Core.Tests.S3;

/// <summary>Passes every call to an inner store and records it as "operation key", so tests can count requests and see their order.</summary>
internal sealed class RecordingBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly ConcurrentQueue<string> _calls = new();

    public string Root => inner.Root;

    public IReadOnlyList<string> Calls => _calls.ToArray();

    public IReadOnlyList<string> Writes => Calls.Where(c => c.StartsWith("write ", StringComparison.Ordinal)).Select(c => c["write ".Length..]).ToList();

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        _calls.Enqueue($"list {prefix}");
        await foreach (var blob in inner.ListAsync(prefix, ct)) yield return blob;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        _calls.Enqueue($"exists {key}");
        return inner.ExistsAsync(key, ct);
    }

    public Task ReadAsync(string key, Stream destination, CancellationToken ct = default)
    {
        _calls.Enqueue($"read {key}");
        return inner.ReadAsync(key, destination, ct);
    }

    public Task WriteAsync(string key, Stream content, CancellationToken ct = default)
    {
        _calls.Enqueue($"write {key}");
        return inner.WriteAsync(key, content, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        _calls.Enqueue($"delete {key}");
        return inner.DeleteAsync(key, ct);
    }
}
