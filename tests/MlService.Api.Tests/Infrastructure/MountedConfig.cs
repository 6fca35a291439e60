namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// The config file a reload test mounts through MLSERVICE_CONFIG, as it starts: strict inputs on, so that a row with an
/// unknown field is refused (422) until an edit of the file turns strictness off.
/// </summary>
public static class MountedConfig
{
    public const string Variable = "MLSERVICE_CONFIG";

    /// <summary>Writes a new file with strict inputs under the models' root; returns its path.</summary>
    public static async Task<string> WriteStrictAsync(TrainedModels models)
    {
        var file = Path.Combine(models.Root, $"mounted-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"MlService": {"Inference": {"StrictInputs": true}}}""");
        return file;
    }

    /// <summary>A heart-disease row with one field the signature does not have.</summary>
    public static string RowWithUnknownField() => TrainedModels.HeartRow().Replace("}", ", \"extra\": 1}");
}
