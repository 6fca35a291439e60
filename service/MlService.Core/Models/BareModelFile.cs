namespace MlService.Core.Models;

/// <summary>
/// Model files handed over without an MLmodel, as Triton and FastAPI users keep them: an <c>.onnx</c> file, an ML.NET
/// <c>.zip</c> saved with its input schema, or a folder holding exactly one of those. Each becomes a model directory
/// with an in-memory MLmodel naming the file as flavor data, so it loads like any other model; the signature then
/// comes from the file itself (the ONNX graph's inputs and outputs, the ML.NET zip's input schema).
/// </summary>
public static class BareModelFile
{
    /// <summary>Flavor of each bare file extension (MLflow's <c>onnx</c>, our <c>mlnet</c>).</summary>
    private static readonly (string Extension, string Flavor)[] Kinds = [(".onnx", "onnx"), (".zip", "mlnet")];

    /// <summary>True when <paramref name="path"/> names a file this type can serve (by its extension).</summary>
    public static bool IsModelFile(string path) => FlavorOf(path) is not null;

    /// <summary>The model directory for a bare model file.</summary>
    public static ModelDirectory Describe(string file)
    {
        var full = System.IO.Path.GetFullPath(file);
        var flavor = FlavorOf(full) ?? throw new ModelLoadException(
            $"'{System.IO.Path.GetFileName(full)}' is neither an ONNX model (.onnx) nor an ML.NET model (.zip); a model directory needs an MLmodel file");
        if (!File.Exists(full)) throw new ModelLoadException($"model file '{full}' does not exist");
        var mlModel = new MlModelFile
        {
            Flavors = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal)
            {
                [flavor] = new(StringComparer.Ordinal) { ["data"] = System.IO.Path.GetFileName(full) },
            },
        };
        return new ModelDirectory(System.IO.Path.GetDirectoryName(full)!, mlModel);
    }

    /// <summary>
    /// The model directory for a folder without MLmodel: it must hold exactly one <c>.onnx</c> or <c>.zip</c> file at its
    /// top level (other files, e.g. ONNX external weights, may sit beside it).
    /// </summary>
    public static ModelDirectory DescribeFolder(string folder)
    {
        var candidates = Directory.EnumerateFiles(folder).Where(IsModelFile).Order(StringComparer.Ordinal).ToList();
        return candidates.Count switch
        {
            1 => Describe(candidates[0]),
            0 => throw new ModelLoadException(
                $"'{folder}' is not a model directory: it has no MLmodel file and no model file (.onnx or ML.NET .zip)"),
            _ => throw new ModelLoadException(
                $"'{folder}' has no MLmodel file and several model files ({string.Join(", ", candidates.Select(System.IO.Path.GetFileName))}); add an MLmodel naming one, or point the URI at the file"),
        };
    }

    private static string? FlavorOf(string path)
    {
        foreach (var (extension, flavor) in Kinds)
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return flavor;
        return null;
    }
}
