namespace MlService.Api.Tests.Infrastructure;

/// <summary>The environment of a service process that serves the trained heart-disease model from the trained models' store.</summary>
public static class ServiceEnvironment
{
    /// <summary>
    /// The store and model variables, a model cache folder of its own under the models' root (a process must not share
    /// one with another running at the same time), and <paramref name="extra"/>, which adds or overrides variables.
    /// </summary>
    public static Dictionary<string, string?> HeartDiseaseProcess(this TrainedModels models, string cacheFolder, params (string Key, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["MlService__Store__Root"] = models.StoreRoot,
            ["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, cacheFolder),
            ["MODEL_URI"] = "models:/heart-disease@production",
        };
        foreach (var (key, value) in extra) env[key] = value;
        return env;
    }

    /// <summary>A cache folder name no other process of the run uses.</summary>
    public static string UniqueCacheFolder() => $"cache-{Guid.NewGuid():N}";
}
