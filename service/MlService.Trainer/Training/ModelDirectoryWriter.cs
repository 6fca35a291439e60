using System.Reflection;
using System.Text.Json.Nodes;
using MlService.Core.Runtimes.MlNet;
using MlService.Core.Signatures;

namespace MlService.Trainer.Training;

/// <summary>
/// Writes the MLflow-style files around a saved <c>model.zip</c>: <c>input_example.json</c> (split orient, first
/// rows, label excluded, typed values) and, last, <c>MLmodel</c> with the mlnet flavor, the signature, the
/// example reference and our <c>mlservice:</c> section (sha256 of every file, metrics, task, label).
/// </summary>
public static class ModelDirectoryWriter
{
    public const string ModelFile = "model.zip";
    public const int ExampleRows = 3;

    public static string MlNetVersion { get; } = VersionOf(typeof(Microsoft.ML.MLContext).Assembly);

    public static void WriteInputExample(string directory, TrainingData data)
    {
        var columns = data.Inputs.Select(c => c.Name).ToList();
        var rows = data.Rows.Take(ExampleRows).Select(row =>
            (IReadOnlyList<JsonNode?>)data.Inputs.Select((c, i) => TypedValue(row[i], c.Type)).ToList());
        File.WriteAllText(Path.Combine(directory, InputExample.FileName), InputExample.ToSplitJson(columns, rows));
    }

    public static ModelSignature Signature(TrainingData data)
    {
        var inputs = data.Inputs.Select(InputSpec).ToList();
        List<FieldSpec> outputs = data.Task switch
        {
            TrainTask.Binary =>
            [
                new FieldSpec("PredictedLabel", DataKind.Boolean),
                new FieldSpec("Score", DataKind.Float32),
                new FieldSpec("Probability", DataKind.Float32),
            ],
            TrainTask.Multiclass =>
            [
                new FieldSpec("PredictedLabel", data.LabelType.ToDataKind()),
                new FieldSpec("Score", DataKind.Float32, true, [-1, data.Classes!.Count]),
            ],
            _ => [new FieldSpec("Score", DataKind.Float32)],
        };
        return new ModelSignature(inputs, outputs);
    }

    /// <summary>Writes MLmodel after hashing every other file; call it last.</summary>
    public static MlModelFile WriteMlModel(string directory, TrainingData data, string name, IReadOnlyDictionary<string, double> metrics,
        string fingerprint)
    {
        var file = new MlModelFile
        {
            Flavors = new(StringComparer.Ordinal)
            {
                [MlNetModelRuntime.FlavorName] = new(StringComparer.Ordinal)
                {
                    ["data"] = ModelFile,
                    ["mlnet_version"] = MlNetVersion,
                },
            },
            Signature = Signature(data),
            InputExamplePath = InputExample.FileName,
            ModelUuid = Guid.NewGuid().ToString("N"),
            UtcTimeCreated = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            Raw = new Dictionary<string, object?> { ["metadata"] = new Dictionary<string, object?>
            {
                ["name"] = name,
                [TrainingFingerprint.MetadataKey] = fingerprint,
            } },
            MlService = new MlServiceSection
            {
                Files = ModelDirectory.HashFiles(directory),
                Metrics = new Dictionary<string, double>(metrics, StringComparer.Ordinal),
                Task = data.Task.Name(),
                Label = data.Label,
            },
        };
        file.Save(directory);
        return file;
    }

    /// <summary>
    /// A column with missing cells is optional; a numeric one is then declared double, so a null reaches the
    /// model as NaN (replaced by the training mean) instead of 0.
    /// </summary>
    private static FieldSpec InputSpec(TrainingColumn column) => column switch
    {
        { HasMissing: true, Type: ColumnType.Long } => new FieldSpec(column.Name, DataKind.Float64, Required: false),
        _ => new FieldSpec(column.Name, column.Type.ToDataKind(), Required: !column.HasMissing),
    };

    private static JsonNode? TypedValue(string? cell, ColumnType type) => cell is null ? null : type switch
    {
        ColumnType.Long => JsonValue.Create(long.Parse(cell, CultureInfo.InvariantCulture)),
        ColumnType.Double => JsonValue.Create(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)),
        ColumnType.Boolean => JsonValue.Create(bool.Parse(cell)),
        _ => JsonValue.Create(cell),
    };

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
