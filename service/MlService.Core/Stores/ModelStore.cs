using System.Globalization;
using System.Text.RegularExpressions;
using MlService.Core.Models;

namespace MlService.Core.Stores;

/// <summary>
/// The registry layout on any blob store: <c>&lt;name&gt;/&lt;version&gt;/...</c> (integer versions, immutable)
/// and <c>&lt;name&gt;/aliases/&lt;alias&gt;</c> (text: a version number). A version exists when its MLmodel
/// exists; <see cref="PublishAsync"/> uploads every other file first and MLmodel last.
/// </summary>
public sealed partial class ModelStore(IBlobStore blobs)
{
    public IBlobStore Blobs { get; } = blobs;

    public static string VersionPrefix(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/";
    private static string AliasKey(string model, string alias) => $"{model}/aliases/{alias}";

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken ct = default)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var blob in Blobs.ListAsync("", ct))
        {
            var match = VersionMlModel().Match(blob.Key);
            if (match.Success) names.Add(match.Groups["name"].Value);
        }
        return names.ToList();
    }

    /// <summary>Published versions (MLmodel present), ascending, with the time their MLmodel was written.</summary>
    public async Task<IReadOnlyList<(int Version, DateTimeOffset? Created)>> ListVersionsAsync(string model, CancellationToken ct = default)
    {
        ValidateName(model, nameof(model));
        var versions = new List<(int, DateTimeOffset?)>();
        await foreach (var blob in Blobs.ListAsync(model + "/", ct))
        {
            var match = VersionMlModel().Match(blob.Key);
            if (match.Success && match.Groups["name"].Value == model)
                versions.Add((int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), blob.LastModified));
        }
        return versions.OrderBy(v => v.Item1).ToList();
    }

    public async Task<int?> LatestVersionAsync(string model, CancellationToken ct = default)
    {
        var versions = await ListVersionsAsync(model, ct);
        return versions.Count == 0 ? null : versions[^1].Version;
    }

    public async Task<bool> VersionExistsAsync(string model, int version, CancellationToken ct = default) =>
        await Blobs.ExistsAsync(VersionPrefix(model, version) + MlModelFile.FileName, ct);

    public async Task<int?> GetAliasAsync(string model, string alias, CancellationToken ct = default)
    {
        ValidateName(alias, nameof(alias));
        var text = await Blobs.ReadTextOrNullAsync(AliasKey(model, alias), ct);
        return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    public async Task<IReadOnlyDictionary<string, int>> ListAliasesAsync(string model, CancellationToken ct = default)
    {
        var aliases = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var prefix = $"{model}/aliases/";
        await foreach (var blob in Blobs.ListAsync(prefix, ct))
        {
            var alias = blob.Key[prefix.Length..];
            if (alias.Contains('/')) continue;
            if (await GetAliasAsync(model, alias, ct) is { } version) aliases[alias] = version;
        }
        return aliases;
    }

    /// <summary>Points <paramref name="alias"/> at an existing version.</summary>
    public async Task SetAliasAsync(string model, string alias, int version, CancellationToken ct = default)
    {
        ValidateName(alias, nameof(alias));
        if (!await VersionExistsAsync(model, version, ct))
            throw new InvalidOperationException($"model '{model}' has no version {version}");
        await Blobs.WriteTextAsync(AliasKey(model, alias), version.ToString(CultureInfo.InvariantCulture), ct);
    }

    public async Task DeleteAliasAsync(string model, string alias, CancellationToken ct = default) =>
        await Blobs.DeleteAsync(AliasKey(model, alias), ct);

    /// <summary>
    /// Uploads a local model directory as the next version: every file except MLmodel first, MLmodel last,
    /// so readers never see half a version. Refuses a version number that already holds any object.
    /// </summary>
    public async Task<int> PublishAsync(string model, string sourceDirectory, CancellationToken ct = default)
    {
        ValidateName(model, nameof(model));
        var mlmodel = Path.Combine(sourceDirectory, MlModelFile.FileName);
        if (!File.Exists(mlmodel)) throw new FileNotFoundException($"'{sourceDirectory}' is not a model directory: no MLmodel file", mlmodel);
        var highest = 0;
        await foreach (var blob in Blobs.ListAsync(model + "/", ct))
        {
            var match = AnyVersionKey().Match(blob.Key);
            if (match.Success && match.Groups["name"].Value == model)
                highest = Math.Max(highest, int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture));
        }
        var version = highest + 1;
        var prefix = VersionPrefix(model, version);
        await foreach (var _ in Blobs.ListAsync(prefix, ct))
            throw new InvalidOperationException($"version {version} of '{model}' already has objects; refusing to overwrite");

        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(sourceDirectory, file).Replace('\\', '/');
            if (relative == MlModelFile.FileName) continue;
            await using var content = File.OpenRead(file);
            await Blobs.WriteAsync(prefix + relative, content, ct);
        }
        await using (var content = File.OpenRead(mlmodel))
        {
            await Blobs.WriteAsync(prefix + MlModelFile.FileName, content, ct);
        }
        return version;
    }

    /// <summary>Reads a published version's MLmodel (for listings), or null if the version does not exist.</summary>
    public async Task<MlModelFile?> ReadMlModelAsync(string model, int version, CancellationToken ct = default)
    {
        var text = await Blobs.ReadTextOrNullAsync(VersionPrefix(model, version) + MlModelFile.FileName, ct);
        return text is null ? null : MlModelFile.Parse(text);
    }

    /// <summary>The version a registry URI points at now, or null when the alias/model does not exist.</summary>
    public async Task<int?> ResolveAsync(ModelUri uri, CancellationToken ct = default)
    {
        if (uri.Kind != ModelUriKind.Registry) throw new ArgumentException("not a registry URI", nameof(uri));
        if (uri.Version is { } pinned) return await VersionExistsAsync(uri.Name!, pinned, ct) ? pinned : null;
        if (uri.Alias is { } alias) return await GetAliasAsync(uri.Name!, alias, ct);
        return await LatestVersionAsync(uri.Name!, ct);
    }

    public static void ValidateName(string name, string what)
    {
        if (!SafeName().IsMatch(name))
            throw new ArgumentException($"{what} '{name}' must start with a letter or digit and contain only letters, digits, '.', '_' or '-'");
    }

    [GeneratedRegex(@"^(?<name>[^/]+)/(?<version>[0-9]+)/MLmodel$")]
    private static partial Regex VersionMlModel();

    [GeneratedRegex(@"^(?<name>[^/]+)/(?<version>[0-9]+)/")]
    private static partial Regex AnyVersionKey();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SafeName();
}
