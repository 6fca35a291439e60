namespace MlService.Deploy.Tests.Compose;

/// <summary>
/// compose/docker-compose.yml as Debian's docker-compose 1.29 resolves it (anchors merged, variables filled from
/// .env.example), as plain YAML maps.
/// </summary>
public static class ComposeFile
{
    private static readonly Lazy<Dictionary<object, object>> ResolvedLazy = new(Resolve);

    public static string EnvExample => Path.Combine(RepositoryPaths.Compose, ".env.example");

    public static Dictionary<object, object> Resolved => ResolvedLazy.Value;

    public static Dictionary<object, object> Services => Map(Resolved["services"]);

    public static IEnumerable<string> ServiceNames => Services.Keys.Cast<string>();

    public static Dictionary<object, object> Service(string name) => Map(Services[name]);

    public static ExternalTool.Result Run(params string[] arguments) =>
        ExternalTool.Run("docker-compose", ["-f", RepositoryPaths.ComposeFile, "--env-file", EnvExample, .. arguments]);

    public static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    public static Dictionary<object, object>? MapOrNull(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<object, object> m ? m : null;

    public static List<object> List(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object> l ? l : [];

    public static string? Text(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static Dictionary<object, object> Resolve()
    {
        var result = Run("config");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker-compose config failed ({result.ExitCode}):\n{result.StandardError}");
        }
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(result.StandardOutput);
    }
}
