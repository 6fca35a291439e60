using System.Globalization;
using YamlDotNet.Serialization;

namespace MlService.Core.Models;

/// <summary>
/// An MLflow <c>MLmodel</c> file: flavors, signature, input example reference, and our own extras under the
/// single <c>mlservice:</c> key (sha256 of each file, metrics, task). Unknown keys are kept as read and
/// ignored, so files written by real MLflow load.
/// </summary>
public sealed class MlModelFile
{
    public const string FileName = "MLmodel";

    /// <summary>flavor name -> its settings (e.g. <c>onnx: {data: model.onnx}</c>).</summary>
    public Dictionary<string, Dictionary<string, object?>> Flavors { get; init; } = new(StringComparer.Ordinal);

    public ModelSignature Signature { get; init; } = ModelSignature.Empty;

    /// <summary>Relative path of the input example file (MLflow writes <c>input_example.json</c>).</summary>
    public string? InputExamplePath { get; init; }

    public string? ModelUuid { get; init; }
    public string? RunId { get; init; }
    public string? UtcTimeCreated { get; init; }
    public string? MlflowVersion { get; init; }

    public MlServiceSection MlService { get; init; } = new();

    /// <summary>Every top-level key as read, including ones this type does not model.</summary>
    public IReadOnlyDictionary<string, object?> Raw { get; init; } = new Dictionary<string, object?>();

    /// <summary>The flavor a runtime should load: ours or MLflow's, preferring a specific one over python_function.</summary>
    public string? PrimaryFlavor(IEnumerable<string> known)
    {
        foreach (var name in known)
            if (Flavors.ContainsKey(name)) return name;
        return null;
    }

    public string? FlavorData(string flavor) =>
        Flavors.TryGetValue(flavor, out var settings) && settings.TryGetValue("data", out var data) ? data?.ToString() : null;

    public static MlModelFile Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"no {FileName} file in {directory}", path);
        return Parse(File.ReadAllText(path));
    }

    public static MlModelFile Parse(string yaml)
    {
        var raw = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(yaml)
            ?? throw new FormatException("MLmodel is empty");
        var flavors = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        if (raw.GetValueOrDefault("flavors") is Dictionary<object, object?> flavorMap)
        {
            foreach (var (name, settings) in flavorMap)
                flavors[name.ToString()!] = ToStringMap(settings as Dictionary<object, object?>);
        }
        var signature = ModelSignature.Empty;
        if (raw.GetValueOrDefault("signature") is Dictionary<object, object?> sig)
        {
            signature = new ModelSignature(
                SignatureJson.Parse(sig.GetValueOrDefault("inputs")?.ToString()),
                SignatureJson.Parse(sig.GetValueOrDefault("outputs")?.ToString()));
        }
        var example = (raw.GetValueOrDefault("saved_input_example_info") as Dictionary<object, object?>)?.GetValueOrDefault("artifact_path")?.ToString();
        return new MlModelFile
        {
            Flavors = flavors,
            Signature = signature,
            InputExamplePath = example,
            ModelUuid = raw.GetValueOrDefault("model_uuid")?.ToString(),
            RunId = raw.GetValueOrDefault("run_id")?.ToString(),
            UtcTimeCreated = raw.GetValueOrDefault("utc_time_created")?.ToString(),
            MlflowVersion = raw.GetValueOrDefault("mlflow_version")?.ToString(),
            MlService = MlServiceSection.FromYaml(raw.GetValueOrDefault("mlservice") as Dictionary<object, object?>),
            Raw = raw,
        };
    }

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), ToYaml());

    public string ToYaml()
    {
        var doc = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in Raw) doc[key] = value;
        doc["flavors"] = Flavors.ToDictionary(f => f.Key, f => (object?)f.Value);
        if (ModelUuid is not null) doc["model_uuid"] = ModelUuid;
        if (RunId is not null) doc["run_id"] = RunId;
        doc["utc_time_created"] = UtcTimeCreated ?? DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        if (Signature.Inputs.Count > 0 || Signature.Outputs.Count > 0)
        {
            doc["signature"] = new Dictionary<string, object?>
            {
                ["inputs"] = SignatureJson.Write(Signature.Inputs),
                ["outputs"] = SignatureJson.Write(Signature.Outputs),
                ["params"] = null,
            };
        }
        if (InputExamplePath is not null)
        {
            doc["saved_input_example_info"] = new Dictionary<string, object?>
            {
                ["artifact_path"] = InputExamplePath,
                ["pandas_orient"] = "split",
                ["type"] = "dataframe",
            };
        }
        doc["mlservice"] = MlService.ToYaml();
        var ordered = doc.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new SerializerBuilder().Build().Serialize(ordered);
    }

    private static Dictionary<string, object?> ToStringMap(Dictionary<object, object?>? map) =>
        map?.ToDictionary(kv => kv.Key.ToString()!, kv => kv.Value, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
}
