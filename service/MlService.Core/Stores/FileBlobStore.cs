using System.Runtime.CompilerServices;

namespace MlService.Core.Stores;

/// <summary>
/// A blob store on the local file system. Writes go to a temp file that is then renamed, so a reader never
/// sees a half-written object. Thread-safe.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _root;

    public FileBlobStore(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        Root = new Uri(_root.EndsWith('/') ? _root : _root + "/").AbsoluteUri.TrimEnd('/');
    }

    public string Root { get; }

    /// <summary>Local path of a key (the registry serves local model directories in place).</summary>
    public string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key.TrimStart('/')));
        if (!full.StartsWith(_root, StringComparison.Ordinal)) throw new ArgumentException($"key '{key}' leaves the store root");
        return full;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield();
        if (!Directory.Exists(_root)) yield break;
        // List from the deepest existing folder of the prefix, then filter by the full prefix.
        var folder = prefix.Contains('/') ? PathOf(prefix[..prefix.LastIndexOf('/')]) : _root;
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace('\\', '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.EndsWith(".tmp-write", StringComparison.Ordinal)) continue;
            var info = new FileInfo(file);
            yield return new BlobInfo(key, info.Length, info.LastWriteTimeUtc);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(key)));

    public async Task ReadAsync(string key, Stream destination, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new BlobNotFoundException(key);
        await using var source = File.OpenRead(path);
        await source.CopyToAsync(destination, ct);
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp-write";
        await using (var target = File.Create(temp))
        {
            await content.CopyToAsync(target, ct);
        }
        File.Move(temp, path, overwrite: true);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}
