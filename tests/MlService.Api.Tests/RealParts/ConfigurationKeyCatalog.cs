namespace MlService.Api.Tests.RealParts;

/// <summary>
/// Every environment name docs/configuration.md lists, each with a value it must refuse at start and the key the
/// refusal must name, or the reason any text is accepted at start. A test keeps this list and the docs in step.
/// </summary>
public static partial class ConfigurationKeyCatalog
{
    public static readonly IReadOnlyDictionary<string, WrongValue> WrongValues = new Dictionary<string, WrongValue>
    {
        ["MODEL_URI"] = new("ftp://nowhere/model", "MlService:Models:0:Uri"),
        ["MlService__Models__0__Uri"] = new("models:/bad name@x", "MlService:Models:0:Uri"),
        ["MODEL_NAME"] = new("bad name", "MlService:Models:0:Name"),
        ["MlService__Models__0__Name"] = new("-bad", "MlService:Models:0:Name"),
        ["MlService__DefaultModel"] = new("ghost", "MlService:DefaultModel"),
        ["MlService__Store__Root"] = new("ftp://nowhere", "MlService:Store:Root"),
        ["MlService__Store__PollIntervalSeconds"] = new("abc", "MlService:Store:PollIntervalSeconds"),
        ["MlService__Store__MaxRetryDelaySeconds"] = new("1.5", "MlService:Store:MaxRetryDelaySeconds"),
        ["MlService__Store__S3__EndpointUrl"] = new("minio:9000", "MlService:Store:S3:EndpointUrl"),
        ["MLFLOW_S3_ENDPOINT_URL"] = new("not a url", "MLFLOW_S3_ENDPOINT_URL"),
        ["MlService__Store__S3__IgnoreTls"] = new("yes", "MlService:Store:S3:IgnoreTls"),
        ["MLFLOW_S3_IGNORE_TLS"] = new("abc", "MLFLOW_S3_IGNORE_TLS"),
        ["MlService__Store__S3__ConnectTimeoutSeconds"] = new("abc", "MlService:Store:S3:ConnectTimeoutSeconds"),
        ["MlService__Store__S3__RequestTimeoutSeconds"] = new("0", "MlService:Store:S3:RequestTimeoutSeconds"),
        ["MlService__Mlflow__TrackingUri"] = new("mlflow:5000", "MlService:Mlflow:TrackingUri"),
        ["MLFLOW_TRACKING_URI"] = new("ftp://mlflow", "MLFLOW_TRACKING_URI"),
        ["MlService__Mlflow__IgnoreTls"] = new("yes", "MlService:Mlflow:IgnoreTls"),
        ["MLFLOW_TRACKING_INSECURE_TLS"] = new("abc", "MLFLOW_TRACKING_INSECURE_TLS"),
        ["MlService__Mlflow__RequestTimeoutSeconds"] = new("0", "MlService:Mlflow:RequestTimeoutSeconds"),
        // A user without a password (or the reverse) cannot authenticate: refused at start, naming both MLflow names.
        ["MlService__Mlflow__Username"] = new("alice", "MLFLOW_TRACKING_PASSWORD", ("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")),
        ["MLFLOW_TRACKING_USERNAME"] = new("alice", "MLFLOW_TRACKING_PASSWORD", ("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")),
        ["MlService__Mlflow__Password"] = new("secret", "MLFLOW_TRACKING_USERNAME", ("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")),
        ["MLFLOW_TRACKING_PASSWORD"] = new("secret", "MLFLOW_TRACKING_USERNAME", ("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")),
        ["MlService__Inference__MaxBodyBytes"] = new("32MB", "MlService:Inference:MaxBodyBytes"),
        ["MlService__Inference__MaxRowsPerRequest"] = new("abc", "MlService:Inference:MaxRowsPerRequest"),
        ["MlService__Inference__StrictInputs"] = new("1", "MlService:Inference:StrictInputs"),
        ["MlService__Inference__EchoInputInErrors"] = new("abc", "MlService:Inference:EchoInputInErrors"),
        ["MlService__Inference__MaxStringLength"] = new("abc", "MlService:Inference:MaxStringLength"),
        ["MlService__Demo__StartupDelaySeconds"] = new("abc", "MlService:Demo:StartupDelaySeconds"),
        ["MlService__Demo__FailLivenessAfterSeconds"] = new("abc", "MlService:Demo:FailLivenessAfterSeconds"),
        ["MlService__Demo__LeakMiBPerPrediction"] = new("abc", "MlService:Demo:LeakMiBPerPrediction"),
        ["MlService__Shutdown__DrainDelaySeconds"] = new("abc", "MlService:Shutdown:DrainDelaySeconds"),
        ["MlService__Shutdown__TimeoutSeconds"] = new("abc", "MlService:Shutdown:TimeoutSeconds"),
        ["MlService__Limits__MaxConcurrentRequests"] = new("abc", "MlService:Limits:MaxConcurrentRequests"),
        ["MlService__Limits__QueueLimit"] = new("99999999999", "MlService:Limits:QueueLimit"),
        ["MlService__Limits__RetryAfterSeconds"] = new("abc", "MlService:Limits:RetryAfterSeconds"),
        ["MlService__Limits__RequestTimeoutSeconds"] = new("abc", "MlService:Limits:RequestTimeoutSeconds"),
        ["MlService__MemoryAdmission__Enabled"] = new("1", "MlService:MemoryAdmission:Enabled"),
        ["MlService__MemoryAdmission__BudgetBytes"] = new("abc", "MlService:MemoryAdmission:BudgetBytes"),
        ["MlService__MemoryAdmission__InFlightPercent"] = new("abc", "MlService:MemoryAdmission:InFlightPercent"),
        ["MlService__MemoryAdmission__BytesPerBodyByte"] = new("abc", "MlService:MemoryAdmission:BytesPerBodyByte"),
        ["MlService__MemoryAdmission__RequestOverheadBytes"] = new("abc", "MlService:MemoryAdmission:RequestOverheadBytes"),
        ["MlService__MemoryAdmission__UnknownLengthBodyBytes"] = new("abc", "MlService:MemoryAdmission:UnknownLengthBodyBytes"),
        ["MlService__MemoryAdmission__HighWaterPercent"] = new("abc", "MlService:MemoryAdmission:HighWaterPercent"),
        ["MlService__MemoryAdmission__MinimumLimitBytes"] = new("64Mi", "MlService:MemoryAdmission:MinimumLimitBytes"),
        ["MlService__Auth__Enabled"] = new("abc", "MlService:Auth:Enabled"),
        // Keys are checked only when auth is on.
        ["MlService__Auth__ApiKeys__0"] = new("short", "MlService:Auth:ApiKeys:0", ("MlService__Auth__Enabled", "true")),
        ["MlService__Auth__ProtectMetrics"] = new("abc", "MlService:Auth:ProtectMetrics"),
        ["MlService__Grpc__Enabled"] = new("yes", "MlService:Grpc:Enabled"),
        ["MlService__Grpc__Port"] = new("70000", "MlService:Grpc:Port"),
        ["MlService__Grpc__Host"] = new("not a host", "MlService:Grpc:Host"),
        ["ASPNETCORE_URLS"] = new("abc", "ASPNETCORE_URLS"),
        ["MLSERVICE_CONFIG"] = new("/nonexistent/mlservice.json", "MLSERVICE_CONFIG"),
        ["Logging__LogLevel__Default"] = new("abc", "Logging:LogLevel:Default"),
    };

    public static readonly IReadOnlyDictionary<string, string> AnyText = new Dictionary<string, string>
    {
        ["MlService__Store__CacheDirectory"] = "any path; an unusable one fails the download, reported by readiness",
        ["MlService__Store__S3__AccessKey"] = "any text; a wrong key is the store's 403, reported by readiness",
        ["AWS_ACCESS_KEY_ID"] = "any text; a wrong key is the store's 403, reported by readiness",
        ["MlService__Store__S3__SecretKey"] = "any text; a wrong key is the store's 403, reported by readiness",
        ["AWS_SECRET_ACCESS_KEY"] = "any text; a wrong key is the store's 403, reported by readiness",
        ["MlService__Store__S3__Region"] = "any text; S3 answers a wrong region, reported by readiness",
        ["AWS_DEFAULT_REGION"] = "any text; S3 answers a wrong region, reported by readiness",
        ["MlService__Mlflow__Token"] = "any text; a wrong token is the tracking server's 403, reported by readiness",
        ["MLFLOW_TRACKING_TOKEN"] = "any text; a wrong token is the tracking server's 403, reported by readiness",
        ["ASPNETCORE_ENVIRONMENT"] = "any name; only Development changes the log format",
        ["MLSERVICE_CGROUP_ROOT"] = "any path; without cgroup files there are no container metrics",
    };

    /// <summary>A value the key must refuse, the key the one-line error names, and any other setting the refusal needs.</summary>
    public sealed record WrongValue(string Value, string Named, (string Key, string Value)? With = null);

    /// <summary>The environment names in docs/configuration.md's tables.</summary>
    public static IReadOnlySet<string> DocumentedNames() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"))
            .Where(line => line.StartsWith('|'))
            .SelectMany(line => EnvName().Matches(line).Select(m => m.Groups[1].Value))
            .ToHashSet();

    [GeneratedRegex(@"`((?:MlService|Logging)__[A-Za-z0-9_.]+|[A-Z][A-Z0-9_]{3,})`")]
    private static partial Regex EnvName();
}
