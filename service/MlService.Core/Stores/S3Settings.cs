using System.ComponentModel.DataAnnotations;

namespace MlService.Core.Stores;

/// <summary>
/// How to reach S3 or MinIO, by the names MLflow users know (<see cref="EnvironmentNames"/>). The one settings type:
/// the trainer reads it with <see cref="FromEnvironment"/>, the server binds it as <c>MlService:Store:S3</c>
/// (<c>MlService__Store__S3__EndpointUrl=http://minio:9000</c>). Keys come from the environment or a Secret only;
/// they never appear in ToString().
/// </summary>
public sealed record S3Settings
{
    /// <summary>e.g. <c>http://minio:9000</c> (scheme, host, optional port; path-style requests); empty means AWS S3.</summary>
    public string? EndpointUrl { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string Region { get; init; } = "us-east-1";

    /// <summary>Accept any TLS certificate (self-signed MinIO). Off unless asked for, like MLflow.</summary>
    public bool IgnoreTls { get; init; }

    /// <summary>How long to wait for a TCP connection before calling the store unreachable.</summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; init; } = 10;

    /// <summary>Upper bound of one request, including the transfer of one whole object.</summary>
    [Range(1, 86_400)]
    public int RequestTimeoutSeconds { get; init; } = 300;

    /// <summary>
    /// The environment variable names MLflow users know, each with the property it sets. The one list: the trainer
    /// reads it through <see cref="FromEnvironment"/>, the server maps it onto its <c>MlService:Store:S3</c> keys.
    /// </summary>
    public static readonly IReadOnlyList<(string Variable, string Property)> EnvironmentNames =
    [
        ("MLFLOW_S3_ENDPOINT_URL", nameof(EndpointUrl)),
        ("AWS_ACCESS_KEY_ID", nameof(AccessKey)),
        ("AWS_SECRET_ACCESS_KEY", nameof(SecretKey)),
        ("AWS_DEFAULT_REGION", nameof(Region)),
        ("MLFLOW_S3_IGNORE_TLS", nameof(IgnoreTls)),
    ];

    /// <summary>
    /// MLflow's tracking server names, each with the <see cref="Mlflow.MlflowSettings"/> property it sets; the same
    /// rules as <see cref="EnvironmentNames"/> (the trainer reads them, the server maps them onto <c>MlService:Mlflow</c>).
    /// </summary>
    public static readonly IReadOnlyList<(string Variable, string Property)> TrackingEnvironmentNames =
    [
        ("MLFLOW_TRACKING_URI", nameof(Mlflow.MlflowSettings.TrackingUri)),
        ("MLFLOW_TRACKING_TOKEN", nameof(Mlflow.MlflowSettings.Token)),
        ("MLFLOW_TRACKING_USERNAME", nameof(Mlflow.MlflowSettings.Username)),
        ("MLFLOW_TRACKING_PASSWORD", nameof(Mlflow.MlflowSettings.Password)),
        ("MLFLOW_TRACKING_INSECURE_TLS", nameof(Mlflow.MlflowSettings.IgnoreTls)),
    ];

    /// <summary>What MLflow accepts for a boolean variable, named in error messages.</summary>
    public const string AcceptedFlags = "true, false, 1 or 0 (any case)";

    /// <summary>A boolean the way MLflow reads one: true/false/1/0 in any case, surrounding blanks ignored; anything else is null.</summary>
    public static bool? ParseFlag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// Reads <see cref="EnvironmentNames"/> (the trainer CLI uses this; the server binds the same names through its
    /// configuration). <paramref name="getVariable"/> defaults to the process environment.
    /// </summary>
    /// <exception cref="FormatException">A boolean variable holds something MLflow would refuse; the message names it.</exception>
    public static S3Settings FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var values = EnvironmentNames
            .Select(n => (n.Property, n.Variable, Value: getVariable(n.Variable) is { Length: > 0 } value ? value.Trim() : null))
            .ToDictionary(n => n.Property);
        string? Read(string property) => values[property].Value;
        var ignoreTls = Read(nameof(IgnoreTls));
        return new S3Settings
        {
            EndpointUrl = Read(nameof(EndpointUrl)),
            AccessKey = Read(nameof(AccessKey)),
            SecretKey = Read(nameof(SecretKey)),
            Region = Read(nameof(Region)) ?? "us-east-1",
            IgnoreTls = ignoreTls is null ? false : ParseFlag(ignoreTls)
                ?? throw new FormatException($"{values[nameof(IgnoreTls)].Variable}: '{ignoreTls}' is not a boolean; accepted: {AcceptedFlags}"),
        };
    }

    public override string ToString() =>
        $"S3Settings {{ EndpointUrl = {EndpointUrl}, Region = {Region}, IgnoreTls = {IgnoreTls}, " +
        $"AccessKey = {(string.IsNullOrEmpty(AccessKey) ? "unset" : "set")}, SecretKey = {(string.IsNullOrEmpty(SecretKey) ? "unset" : "set")} }}";
}
