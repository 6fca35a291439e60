using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// How to reach an MLflow tracking server, by MLflow's own names (<see cref="S3Settings.TrackingEnvironmentNames"/>):
/// MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN (bearer), MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (basic),
/// MLFLOW_TRACKING_INSECURE_TLS. Secrets never appear in ToString().
/// </summary>
public sealed record MlflowSettings
{
    /// <summary>e.g. <c>http://mlflow:5000</c>; empty means no MLflow (models:/ then names the store layout).</summary>
    public string? TrackingUri { get; init; }
    public string? Token { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }

    /// <summary>Accept any TLS certificate of the tracking server, like MLflow's MLFLOW_TRACKING_INSECURE_TLS.</summary>
    public bool IgnoreTls { get; init; }

    /// <summary>Upper bound of one REST call or one artifact download.</summary>
    public int RequestTimeoutSeconds { get; init; } = 300;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TrackingUri);

    /// <summary>The one-line problem with these settings, or null: an absolute http(s) URI, and a password with a user.</summary>
    public string? Problem() => IsConfigured ? UriProblem() ?? CredentialsProblem() : null;

    /// <summary>Why <see cref="TrackingUri"/> is not a tracking server address, or null (also when it is unset).</summary>
    public string? UriProblem()
    {
        if (!IsConfigured) return null;
        return Uri.TryCreate(TrackingUri!.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"'{TrackingUri}' is not a tracking server address; accepted: http://host:port or https://host[:port][/path]";
    }

    /// <summary>Basic auth needs both halves; one alone is a mistake, not "no auth".</summary>
    public string? CredentialsProblem() => string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password)
        ? "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together"
        : null;

    /// <summary>Reads <see cref="S3Settings.TrackingEnvironmentNames"/> (the trainer; the server binds the same names through its configuration).</summary>
    /// <exception cref="FormatException">A boolean variable holds something MLflow would refuse; the message names it.</exception>
    public static MlflowSettings FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var values = S3Settings.TrackingEnvironmentNames.ToDictionary(n => n.Property,
            n => (n.Variable, Value: getVariable(n.Variable) is { Length: > 0 } value ? value.Trim() : null));
        var insecure = values[nameof(IgnoreTls)].Value;
        return new MlflowSettings
        {
            TrackingUri = values[nameof(TrackingUri)].Value,
            Token = values[nameof(Token)].Value,
            Username = values[nameof(Username)].Value,
            Password = values[nameof(Password)].Value,
            IgnoreTls = insecure is null ? false : S3Settings.ParseFlag(insecure)
                ?? throw new FormatException($"{values[nameof(IgnoreTls)].Variable}: '{insecure}' is not a boolean; accepted: {S3Settings.AcceptedFlags}"),
        };
    }

    public override string ToString() =>
        $"MlflowSettings {{ TrackingUri = {TrackingUri}, IgnoreTls = {IgnoreTls}, Token = {(string.IsNullOrEmpty(Token) ? "unset" : "set")}, " +
        $"Username = {(string.IsNullOrEmpty(Username) ? "unset" : "set")}, Password = {(string.IsNullOrEmpty(Password) ? "unset" : "set")} }}";
}
