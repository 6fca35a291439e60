using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// The tracking server's artifacts proxy (<c>/api/2.0/mlflow-artifacts/artifacts</c>, a server started with
/// <c>--serve-artifacts</c>) as a blob store, so <see cref="ModelCache"/> downloads and verifies from it exactly as
/// from S3. Keys are paths under the proxy root (<c>mlflow-artifacts:/&lt;key&gt;</c>). MLflow lists one level per
/// request (base names, <c>is_dir</c>), so a recursive listing walks the folders.
/// </summary>
public sealed class MlflowArtifactStore(MlflowRestClient rest) : IBlobStore
{
    private const string Api = "api/2.0/mlflow-artifacts/artifacts";

    public string Root { get; } = $"{rest.TrackingUri}/{Api}";

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // A prefix ending in '/' is a folder; otherwise list its parent and keep the names that start with the rest.
        var folder = prefix.EndsWith('/') || prefix.Length == 0 ? prefix.TrimEnd('/') : Parent(prefix);
        await foreach (var blob in WalkAsync(folder, ct))
        {
            if (blob.Key.StartsWith(prefix, StringComparison.Ordinal)) yield return blob;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        foreach (var entry in await ListFolderAsync(Parent(key), ct))
        {
            if (entry.Path == name && !entry.IsDir) return true;
        }
        return false;
    }

    public async Task ReadAsync(string key, Stream destination, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/{Escape(key)}");
        try
        {
            using var response = await rest.SendAsync(request, ct, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(destination, ct);
        }
        catch (MlflowApiException e) when (e.HttpStatus == (int)HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Api}/{Escape(key)}") { Content = new StreamContent(content) };
        using var _ = await rest.SendAsync(request, ct);
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Api}/{Escape(key)}");
        using var _ = await rest.SendAsync(request, ct);
    }

    private async IAsyncEnumerable<BlobInfo> WalkAsync(string folder, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var entry in await ListFolderAsync(folder, ct))
        {
            var key = folder.Length == 0 ? entry.Path : $"{folder}/{entry.Path}";
            if (!entry.IsDir)
            {
                yield return new BlobInfo(key, entry.Size, null);
                continue;
            }
            await foreach (var blob in WalkAsync(key, ct)) yield return blob;
        }
    }

    private sealed record Entry(string Path, bool IsDir, long Size);

    /// <summary>One level: <c>GET ...artifacts?path=folder</c> → <c>{"files": [{"path", "is_dir", "file_size"}]}</c> (no "files" when empty).</summary>
    private async Task<IReadOnlyList<Entry>> ListFolderAsync(string folder, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, folder.Length == 0 ? Api : $"{Api}?path={Uri.EscapeDataString(folder)}");
        using var response = await rest.SendAsync(request, ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject ?? [];
        return (json["files"]?.AsArray() ?? []).OfType<JsonObject>().Select(f => new Entry(
            // Base names, as MLflow's proxy lists them; a full path from another server is reduced to its last part.
            (f["path"]?.GetValue<string>() ?? "").Split('/')[^1],
            f["is_dir"]?.GetValue<bool>() ?? false,
            f["file_size"] is { } size && long.TryParse(size.ToString(), out var bytes) ? bytes : 0)).Where(e => e.Path.Length > 0).ToList();
    }

    private static string Parent(string key) => key.Contains('/') ? key[..key.LastIndexOf('/')] : "";

    private static string Escape(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
