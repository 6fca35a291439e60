namespace MlService.Api.Options;

/// <summary>One model to serve: its name in URLs and where it comes from.</summary>
public sealed class ModelOptions
{
    /// <summary>Name used in routes (<c>/models/{name}/predict</c>); defaults to the registry name or folder name of the URI.</summary>
    public string? Name { get; set; }

    /// <summary>Path, file://, s3://, models:/name/version, models:/name/latest or models:/name@alias.</summary>
    public string Uri { get; set; } = "";
}
