using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace MlService.Api.Extensions;

public static class ConfigurationExtensions
{
    /// <summary>The environment variable naming the mounted JSON config file (a ConfigMap).</summary>
    public const string MountedConfigVariable = "MLSERVICE_CONFIG";

    /// <summary>Short environment names users already know, mapped to our keys (explicit <c>MlService__</c> keys win).</summary>
    public static readonly IReadOnlyList<(string Env, string Key)> Aliases =
    [
        ("MODEL_URI", "MlService:Models:0:Uri"),
        ("MODEL_NAME", "MlService:Models:0:Name"),
        ("MLFLOW_S3_ENDPOINT_URL", "MlService:Store:S3:EndpointUrl"),
        ("AWS_ACCESS_KEY_ID", "MlService:Store:S3:AccessKey"),
        ("AWS_SECRET_ACCESS_KEY", "MlService:Store:S3:SecretKey"),
        ("AWS_DEFAULT_REGION", "MlService:Store:S3:Region"),
        ("MLFLOW_S3_IGNORE_TLS", "MlService:Store:S3:IgnoreTls"),
    ];

    /// <summary>Log levels that hold unless appsettings.json, a mounted file or the environment say otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LogLevelDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // Off, not Warning: at any enabled level ASP.NET Core's hosting starts an Activity and a log scope for every
        // request (~10 % of a single-record prediction's CPU). Our request log carries the request id instead.
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
    };

    /// <summary>
    /// Sources, later wins: appsettings.json, the optional mounted file(s) named by <c>MLSERVICE_CONFIG</c>
    /// (the Kubernetes ConfigMap; reloaded on change), the short env aliases, <c>MlService__...</c> env vars, command line.
    /// </summary>
    public static WebApplicationBuilder AddMlServiceConfiguration(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        // Below everything: the log levels of appsettings.json, so a process started from another directory
        // (the content root is the working directory) does not log every request through ASP.NET Core's diagnostics.
        sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LogLevelDefaults });
        var envIndex = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (envIndex < 0) envIndex = sources.Count;

        var aliases = Aliases
            .Select(a => (a.Key, Value: Environment.GetEnvironmentVariable(a.Env)))
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .ToDictionary(a => a.Key, a => (string?)a.Value);
        sources.Insert(envIndex, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = aliases });

        // Several files, ':'-separated, later wins: e.g. the ConfigMap's file, then a Secret's file with the API keys
        // (a Secret volume is refreshed in place too, so keys rotate without a restart).
        var mounted = (Environment.GetEnvironmentVariable(MountedConfigVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < mounted.Length; i++)
            sources.Insert(envIndex + i, MountedConfigFile.Source(Path.GetFullPath(mounted[i])));
        return builder;
    }
}
