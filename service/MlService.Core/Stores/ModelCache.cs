using System.Security.Cryptography;
using System.Text;
using MlService.Core.Errors;
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

    public async Task<ModelDirectory> MaterializeAsync(IBlobStore store, string prefix, CancellationToken ct = default)
    {
        prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        if (store is FileBlobStore fileStore)
        {
            var inPlace = ModelDirectory.Open(fileStore.PathOf(prefix.TrimEnd('/')));
            Verify(inPlace, store, prefix);
            return inPlace;
        }

        var target = Path.Combine(Directory, CacheKey(store.Root, prefix));
        if (File.Exists(Path.Combine(target, VerifiedMarker))) return ModelDirectory.Open(target);

        System.IO.Directory.CreateDirectory(Directory);
        var temp = $"{target}.partial-{Guid.NewGuid():N}";
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            var mlmodelKey = prefix + MlModelFile.FileName;
            if (!await store.ExistsAsync(mlmodelKey, ct))
                throw new ModelLoadException($"{store.Root}/{prefix} is not a model directory: no MLmodel file");
            var files = 0;
            await foreach (var blob in store.ListAsync(prefix, ct))
            {
                var relative = blob.Key[prefix.Length..];
                if (relative.Length == 0 || relative.EndsWith('/')) continue;
                var local = Path.GetFullPath(Path.Combine(temp, relative));
                if (!local.StartsWith(temp + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ModelLoadException($"object key '{blob.Key}' escapes the model directory");
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                await using (var file = File.Create(local))
                {
                    await store.ReadAsync(blob.Key, file, ct);
                }
                files++;
            }
            // MLmodel exists, so an empty listing means the server's listing is broken, not that the model is empty.
            if (files == 0)
                throw new ModelLoadException($"{store.Root}/{prefix}: MLmodel exists but listing the directory returned no objects");
            var directory = ModelDirectory.Open(temp);
            Verify(directory, store, prefix);
            await File.WriteAllTextAsync(Path.Combine(temp, VerifiedMarker), $"{store.Root}/{prefix} files={files} at {DateTimeOffset.UtcNow:O}\n", ct);
            try
            {
                System.IO.Directory.Move(temp, target);
            }
            catch (IOException) when (File.Exists(Path.Combine(target, VerifiedMarker)))
            {
                // Another fetch of the same version finished first; its copy is verified, use it.
                System.IO.Directory.Delete(temp, recursive: true);
            }
            return ModelDirectory.Open(target);
        }
        catch
        {
            if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
            throw;
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
