using Microsoft.Extensions.Configuration.EnvironmentVariables;
using MlService.Core.Stores;

namespace MlService.Api.Extensions;

public static class ConfigurationExtensions
{
    /// <summary>The environment variable naming the mounted JSON config file (a ConfigMap).</summary>
    public const string MountedConfigVariable = "MLSERVICE_CONFIG";

    /// <summary>
    /// Short environment names users already know, mapped to our keys (explicit <c>MlService__</c> keys win). The
    /// S3 names are the trainer's list (<see cref="S3Settings.EnvironmentNames"/>), so both read the same variables.
    /// </summary>
    public static readonly IReadOnlyList<(string Env, string Key)> Aliases =
    [
        ("MODEL_URI", "MlService:Models:0:Uri"),
        ("MODEL_NAME", "MlService:Models:0:Name"),
        .. S3Settings.EnvironmentNames.Select(n => (n.Variable, $"{StoreOptions.SectionName}:S3:{n.Property}")),
        // The MLflow tracking server (MLFLOW_TRACKING_URI, ...): models:/, runs:/ and mlflow-artifacts:/ resolve through it.
        .. S3Settings.TrackingEnvironmentNames.Select(n => (n.Variable, $"{MlflowOptions.SectionName}:{n.Property}")),
    ];

    /// <summary>Aliases whose value is a boolean MLflow reads (true/false/1/0, any case).</summary>
    public static readonly IReadOnlySet<string> FlagAliases = S3Settings.EnvironmentNames
        .Where(n => typeof(S3Settings).GetProperty(n.Property)!.PropertyType == typeof(bool))
        .Select(n => n.Variable)
        .Concat(S3Settings.TrackingEnvironmentNames
            .Where(n => typeof(MlService.Core.Mlflow.MlflowSettings).GetProperty(n.Property)!.PropertyType == typeof(bool))
            .Select(n => n.Variable))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

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
            .Select(a => (a.Key, Value: AliasValue(a.Env)))
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .ToDictionary(a => a.Key, a => a.Value);
        sources.Insert(envIndex, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = aliases });

        // Several files, ':'-separated, later wins: e.g. the ConfigMap's file, then a Secret's file with the API keys
        // (a Secret volume is refreshed in place too, so keys rotate without a restart).
        var mounted = (Environment.GetEnvironmentVariable(MountedConfigVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < mounted.Length; i++)
        {
            var path = Path.GetFullPath(mounted[i]);
            // Later edits may be invalid (the previous settings then stay); at start there are no previous settings.
            if (MountedConfigFile.Check(path) is { } problem) throw new InvalidConfigurationException($"{MountedConfigVariable}: {problem}");
            sources.Insert(envIndex + i, MountedConfigFile.Source(path));
        }
        return builder;
    }

    /// <summary>The alias's value; an MLflow boolean is normalised to what the binder reads ("1" -> "true"), anything else stays for the binding check to name.</summary>
    private static string? AliasValue(string env)
    {
        var value = Environment.GetEnvironmentVariable(env);
        if (value is null || !FlagAliases.Contains(env)) return value;
        return S3Settings.ParseFlag(value) is { } flag ? (flag ? "true" : "false") : value;
    }
}
