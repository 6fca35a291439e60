using System.Security.Cryptography;

namespace MlService.Core.Models;

/// <summary>A model directory on local disk: its path and its parsed MLmodel file.</summary>
public sealed record ModelDirectory(string Path, MlModelFile MlModel)
{
    /// <summary>
    /// Opens a model directory (its MLmodel), or a bare model file or folder without MLmodel (see <see cref="BareModelFile"/>).
    /// </summary>
    public static ModelDirectory Open(string path)
    {
        if (File.Exists(path) || (BareModelFile.IsModelFile(path) && !Directory.Exists(path))) return BareModelFile.Describe(path);
        if (Directory.Exists(path) && !File.Exists(System.IO.Path.Combine(path, MlModelFile.FileName))) return BareModelFile.DescribeFolder(path);
        try
        {
            return new ModelDirectory(path, MlModelFile.Load(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or YamlDotNet.Core.YamlException or InvalidCastException)
        {
            throw new ModelLoadException($"cannot read the MLmodel file in '{path}': {e.Message}", e);
        }
    }

    public string Resolve(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Checks every file listed under <c>mlservice.files</c> exists and has its sha256; throws with the reason.</summary>
    public void VerifyChecksums()
    {
        foreach (var (file, expected) in MlModel.MlService.Files)
        {
            var full = Resolve(file);
            if (!File.Exists(full)) throw new ModelLoadException($"artifact '{file}' listed in MLmodel is missing");
            var actual = Sha256Of(full);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new ModelLoadException($"artifact '{file}' has sha256 {actual[..12]}…, MLmodel says {expected[..Math.Min(12, expected.Length)]}…");
        }
    }

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>sha256 of every file under <paramref name="directory"/> except MLmodel, keyed by relative path with '/'.</summary>
    public static Dictionary<string, string> HashFiles(string directory)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (relative == MlModelFile.FileName) continue;
            files[relative] = Sha256Of(file);
        }
        return files;
    }
}
