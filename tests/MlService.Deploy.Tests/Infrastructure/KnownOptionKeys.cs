using System.Text.RegularExpressions;

namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// Every configuration key of the service (DESIGN.md §6, the options classes in service/MlService.Api/Options)
/// and the environment names that reach it. One place, so the check follows the service: when the options
/// classes land, <see cref="OptionKeys"/> is generated from their SectionName and public properties instead.
/// </summary>
public static partial class KnownOptionKeys
{
    /// <summary>Configuration paths; `N` stands for a list index.</summary>
    public static IReadOnlySet<string> OptionKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "MlService:Models:N:Name", "MlService:Models:N:Uri", "MlService:DefaultModel",
        "MlService:Store:Root", "MlService:Store:CacheDirectory", "MlService:Store:PollIntervalSeconds",
        "MlService:Store:S3:EndpointUrl", "MlService:Store:S3:AccessKey", "MlService:Store:S3:SecretKey",
        "MlService:Store:S3:Region", "MlService:Store:S3:IgnoreTls",
        "MlService:Inference:MaxBodyBytes", "MlService:Inference:MaxRowsPerRequest",
        "MlService:Inference:StrictInputs", "MlService:Inference:EchoInputInErrors",
        "MlService:Demo:StartupDelaySeconds", "MlService:Demo:FailLivenessAfterSeconds",
        "MlService:Shutdown:DrainDelaySeconds",
        "MlService:Limits:MaxConcurrentRequests", "MlService:Limits:QueueLimit",
        "MlService:Limits:RequestTimeoutSeconds",
        "MlService:Auth:Enabled", "MlService:Auth:ApiKeys:N", "MlService:Auth:AdminApiKeys:N",
    };

    /// <summary>Short environment names the service maps onto options (MLflow's S3 names among them).</summary>
    public static IReadOnlySet<string> Aliases { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "MODEL_URI", "MODEL_NAME", "MLSERVICE_CONFIG",
        "MLFLOW_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
        "MLFLOW_S3_IGNORE_TLS",
    };

    /// <summary>Variables read by ASP.NET Core / the .NET host themselves.</summary>
    public static IReadOnlySet<string> HostVariables { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
    };

    /// <summary>True when an environment variable name is something the service reads.</summary>
    public static bool IsServiceVariable(string name) =>
        Aliases.Contains(name) || HostVariables.Contains(name) || IsOptionKey(name.Replace("__", ":"));

    /// <summary>True for a configuration path such as MlService:Models:0:Uri.</summary>
    public static bool IsOptionKey(string path) => OptionKeys.Contains(Index().Replace(path, ":N$1"));

    /// <summary>Names a variable as belonging to the service, so it must be known (other containers' env is free).</summary>
    public static bool ClaimsToBeServiceVariable(string name) =>
        name.StartsWith("MlService__", StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name);

    [GeneratedRegex(@":\d+(:|$)")]
    private static partial Regex Index();
}
