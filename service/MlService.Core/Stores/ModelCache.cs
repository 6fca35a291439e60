using System.Security.Cryptography;
using System.Text;
using MlService.Core.Models;

namespace MlService.Core.Stores;

/// <summary>
/// Materialises a model directory held in a blob store as a local folder. Local stores are served in place;
/// remote ones are downloaded into <c>&lt;cache&gt;/&lt;key&gt;</c> via a private temp folder, verified
/// against the sha256 list in MLmodel, then renamed into place, so concurrent fetches never corrupt the cache
/// and a verified version survives restarts without being fetched again.
/// </summary>
public sealed class ModelCache(string cacheDirectory)
{
    private const string VerifiedMarker = ".verified";

    public string Directory { get; } = Path.GetFullPath(cacheDirectory);

    /// <param name="store">The store holding the model.</param>
    /// <param name="prefix">The model directory's prefix in the store.</param>
    /// <param name="ct">Cancels the fetch.</param>
    /// <param name="bare">
    /// True for a location the user named directly (s3://...): it may be a bare model file or a folder without MLmodel.
    /// Registry versions keep the rule that a version exists only once its MLmodel (uploaded last) does.
    /// </param>
    public async Task<ModelDirectory> MaterializeAsync(IBlobStore store, string prefix, CancellationToken ct = default, bool bare = false)
    {
        // A bare model file (s3://bucket/models/model.onnx): fetched alone into its own cache folder.
        if (bare && BareModelFile.IsModelFile(prefix.TrimEnd('/')) && await store.ExistsAsync(prefix.TrimEnd('/'), ct))
            return await MaterializeFileAsync(store, prefix.TrimEnd('/'), ct);
        prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        if (store is FileBlobStore fileStore)
        {
            if (!bare && !await store.ExistsAsync(prefix + MlModelFile.FileName, ct))
                throw new ModelLoadException($"{store.Root}/{prefix} is not a model directory: no MLmodel file");
            var inPlace = ModelDirectory.Open(fileStore.PathOf(prefix.TrimEnd('/')));
            Verify(inPlace, store, prefix);
            return inPlace;
        }

        var target = Path.Combine(Directory, CacheKey(store.Root, prefix));
        if (File.Exists(Path.Combine(target, VerifiedMarker))) return ModelDirectory.Open(target);
        return await DownloadAsync(store, prefix, target, bare, ct);
    }

    /// <summary>True when a verified copy of <paramref name="prefix"/> is in the cache (remote stores only).</summary>
    public bool Holds(IBlobStore store, string prefix)
    {
        prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        return store is not FileBlobStore && File.Exists(Path.Combine(Directory, CacheKey(store.Root, prefix), VerifiedMarker));
    }

    private async Task<ModelDirectory> DownloadAsync(IBlobStore store, string prefix, string target, bool bare, CancellationToken ct)
    {
        var temp = $"{target}.partial-{Guid.NewGuid():N}";
        OnDisk(() => System.IO.Directory.CreateDirectory(temp));
        try
        {
            // Without an MLmodel the folder may still hold one bare model file; ModelDirectory.Open decides after the download.
            var hasMlModel = await store.ExistsAsync(prefix + MlModelFile.FileName, ct);
            if (!hasMlModel && !bare) throw new ModelLoadException($"{store.Root}/{prefix} is not a model directory: no MLmodel file");
            var files = 0;
            await foreach (var blob in store.ListAsync(prefix, ct))
            {
                var relative = blob.Key[prefix.Length..];
                if (relative.Length == 0 || relative.EndsWith('/')) continue;
                var local = Path.GetFullPath(Path.Combine(temp, relative));
                if (!local.StartsWith(temp + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ModelLoadException($"object key '{blob.Key}' escapes the model directory");
                await using (var file = OnDisk(() =>
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                    return File.Create(local);
                }))
                {
                    await store.ReadAsync(blob.Key, file, ct);
                }
                files++;
            }
            // With an MLmodel, an empty listing means the server's listing is broken, not that the model is empty.
            if (files == 0)
                throw new ModelLoadException(hasMlModel
                    ? $"{store.Root}/{prefix}: MLmodel exists but listing the directory returned no objects"
                    : $"{store.Root}/{prefix} is not a model directory: no MLmodel file and no objects under it");
            var directory = ModelDirectory.Open(temp);
            Verify(directory, store, prefix);
            MoveIntoPlace(temp, target, $"{store.Root}/{prefix} files={files}");
            return ModelDirectory.Open(target);
        }
        catch
        {
            if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>Downloads one bare model file (no MLmodel, so nothing to verify against) and keeps it like a verified version.</summary>
    private async Task<ModelDirectory> MaterializeFileAsync(IBlobStore store, string key, CancellationToken ct)
    {
        var target = Path.Combine(Directory, CacheKey(store.Root, key));
        var name = key[(key.LastIndexOf('/') + 1)..];
        if (File.Exists(Path.Combine(target, VerifiedMarker))) return BareModelFile.Describe(Path.Combine(target, name));
        var temp = $"{target}.partial-{Guid.NewGuid():N}";
        OnDisk(() => System.IO.Directory.CreateDirectory(temp));
        try
        {
            await using (var file = OnDisk(() => File.Create(Path.Combine(temp, name))))
            {
                await store.ReadAsync(key, file, ct);
            }
            MoveIntoPlace(temp, target, $"{store.Root}/{key}");
            return BareModelFile.Describe(Path.Combine(target, name));
        }
        catch
        {
            if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Marks a complete download (verified, where there is an MLmodel to verify against) with the marker naming what it
    /// holds and when, then renames its temp folder to the cache folder: a cache folder exists only with all its files.
    /// </summary>
    private void MoveIntoPlace(string temp, string target, string source) => OnDisk(() =>
    {
        File.WriteAllText(Path.Combine(temp, VerifiedMarker), $"{source} at {DateTimeOffset.UtcNow:O}\n");
        try
        {
            System.IO.Directory.Move(temp, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, VerifiedMarker)))
        {
            // Another fetch of the same version finished first; its copy is verified, use it.
            System.IO.Directory.Delete(temp, recursive: true);
        }
        return target;
    });

    /// <summary>
    /// Runs a local file operation of the cache; a disk problem (read-only, full, a file where a folder should be)
    /// is reported as the cache's, naming the folder, and not as a broken model or an unreachable store.
    /// </summary>
    private T OnDisk<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"cannot write the download cache '{Directory}': {e.Message}", e);
        }
    }

    /// <summary>Checks the files against MLmodel; the reason names the version's location.</summary>
    private static void Verify(ModelDirectory directory, IBlobStore store, string prefix)
    {
        try
        {
            directory.VerifyChecksums();
        }
        catch (ModelLoadException e)
        {
            throw new ModelLoadException($"{store.Root}/{prefix.TrimEnd('/')} was rejected: {e.Message}", e);
        }
    }

    /// <summary>Readable and collision-free folder name for a store location.</summary>
    private static string CacheKey(string root, string prefix)
    {
        var source = $"{root}/{prefix}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..12];
        var readable = new string(prefix.TrimEnd('/').Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        if (readable.Length > 80) readable = readable[^80..];
        return $"{readable}-{hash}";
    }
}
