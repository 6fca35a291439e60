using System.Globalization;

namespace MlService.Core.Models;

/// <summary>Our extra keys in an MLmodel file, all under <c>mlservice:</c>.</summary>
public sealed class MlServiceSection
{
    /// <summary>Relative file path -> lowercase hex sha256, for every artifact file except MLmodel itself.</summary>
    public Dictionary<string, string> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Hold-out metrics from training (auc, accuracy, rmse, ...).</summary>
    public Dictionary<string, double> Metrics { get; init; } = new(StringComparer.Ordinal);

    /// <summary>binary, multiclass or regression, when the trainer made the model.</summary>
    public string? Task { get; init; }

    /// <summary>Name of the label column the model was trained on.</summary>
    public string? Label { get; init; }

    internal static MlServiceSection FromYaml(Dictionary<object, object?>? map)
    {
        if (map is null) return new MlServiceSection();
        var files = (map.GetValueOrDefault("files") as Dictionary<object, object?>)?
            .ToDictionary(kv => kv.Key.ToString()!, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (map.GetValueOrDefault("metrics") is Dictionary<object, object?> m)
        {
            foreach (var (key, value) in m)
                if (double.TryParse(value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    metrics[key.ToString()!] = number;
        }
        return new MlServiceSection
        {
            Files = files,
            Metrics = metrics,
            Task = map.GetValueOrDefault("task")?.ToString(),
            Label = map.GetValueOrDefault("label")?.ToString(),
        };
    }

    internal Dictionary<string, object?> ToYaml()
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["files"] = Files.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => (object?)f.Value),
        };
        if (Metrics.Count > 0)
            map["metrics"] = Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => (object?)m.Value.ToString("R", CultureInfo.InvariantCulture));
        if (Task is not null) map["task"] = Task;
        if (Label is not null) map["label"] = Label;
        return map;
    }
}
