using System.Text.RegularExpressions;

namespace MlService.Core.Stores;

/// <summary>What kind of place a <see cref="ModelUri"/> names.</summary>
public enum ModelUriKind
{
    /// <summary>A model directory on local disk (plain path or <c>file://</c>).</summary>
    LocalDirectory,

    /// <summary>A model directory in S3 (<c>s3://bucket/path</c>), e.g. an MLflow run's <c>artifacts/model</c>.</summary>
    S3Directory,

    /// <summary>A version in the configured store: <c>models:/name/3</c>, <c>models:/name/latest</c>, <c>models:/name@alias</c>.</summary>
    Registry,

    /// <summary>A run's artifact (<c>runs:/&lt;run_id&gt;/&lt;path&gt;</c>), resolved through the MLflow tracking server.</summary>
    MlflowRun,

    /// <summary>A path behind the tracking server's artifacts proxy (<c>mlflow-artifacts:/...</c>).</summary>
    MlflowArtifacts,
}

/// <summary>A parsed model URI. Registry URIs are resolved against the configured store root.</summary>
public sealed partial record ModelUri(ModelUriKind Kind, string Original)
{
    /// <summary>Local path or s3 URI of a direct model directory.</summary>
    public string? Location { get; init; }

    /// <summary>Registered model name (registry URIs).</summary>
    public string? Name { get; init; }

    /// <summary>Pinned version, when the URI names one.</summary>
    public int? Version { get; init; }

    /// <summary>Alias, when the URI is <c>models:/name@alias</c>.</summary>
    public string? Alias { get; init; }

    /// <summary>A registry URI whose version can move (alias or latest) and is therefore polled for changes.</summary>
    public bool IsMoving => Kind == ModelUriKind.Registry && Version is null;

    public override string ToString() => Original;

    public static ModelUri Parse(string uri)
    {
        if (TryParse(uri, out var parsed, out var error)) return parsed;
        throw new FormatException(error);
    }

    public static bool TryParse(string? uri, out ModelUri parsed, out string error)
    {
        parsed = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(uri))
        {
            error = "model URI is empty";
            return false;
        }
        uri = uri.Trim();
        if (uri.StartsWith("models:/", StringComparison.Ordinal))
        {
            var match = RegistryPattern().Match(uri);
            if (!match.Success)
            {
                error = $"'{uri}' is not a registry URI: use models:/<name>/<version>, models:/<name>/latest or models:/<name>@<alias>";
                return false;
            }
            var name = match.Groups["name"].Value;
            var selector = match.Groups["version"].Success ? match.Groups["version"].Value : null;
            parsed = new ModelUri(ModelUriKind.Registry, uri)
            {
                Name = name,
                Alias = match.Groups["alias"].Success ? match.Groups["alias"].Value : null,
                Version = selector is not null && !selector.Equals("latest", StringComparison.OrdinalIgnoreCase) ? int.Parse(selector) : null,
            };
            return true;
        }
        if (MlflowPattern().Match(uri) is { Success: true } mlflow)
        {
            parsed = new ModelUri(mlflow.Groups["scheme"].Value == "runs" ? ModelUriKind.MlflowRun : ModelUriKind.MlflowArtifacts, uri) { Location = uri };
            return true;
        }
        if (uri.StartsWith("runs:/", StringComparison.Ordinal) || uri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            error = $"'{uri}' is not an MLflow artifact URI: use runs:/<run_id>/<path> or mlflow-artifacts:/<path>";
            return false;
        }
        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = uri["s3://".Length..].TrimEnd('/');
            if (rest.Length == 0 || rest.StartsWith('/'))
            {
                error = $"'{uri}' has no bucket: use s3://bucket/path/to/model";
                return false;
            }
            parsed = new ModelUri(ModelUriKind.S3Directory, uri) { Location = "s3://" + rest };
            return true;
        }
        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var fileUri) || !fileUri.IsFile)
            {
                error = $"'{uri}' is not a valid file:// URI";
                return false;
            }
            parsed = new ModelUri(ModelUriKind.LocalDirectory, uri) { Location = fileUri.LocalPath };
            return true;
        }
        if (SchemePattern().IsMatch(uri))
        {
            error = $"'{uri}' has an unsupported scheme: use a path, file://, s3://, models:/, runs:/ or mlflow-artifacts:/";
            return false;
        }
        parsed = new ModelUri(ModelUriKind.LocalDirectory, uri) { Location = Path.GetFullPath(uri) };
        return true;
    }

    [GeneratedRegex(@"^models:/(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:/(?<version>[0-9]+|[Ll][Aa][Tt][Ee][Ss][Tt])|@(?<alias>[A-Za-z0-9][A-Za-z0-9._-]*))$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^(?:(?<scheme>runs):/[A-Za-z0-9]+(?:/[^/].*)?|(?<scheme>mlflow-artifacts):(?://[^/]+)?/[^/].*)$")]
    private static partial Regex MlflowPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]+:/")]
    private static partial Regex SchemePattern();
}
