using MlService.Core.Stores;

namespace MlService.Api.Options;

/// <summary>The name a configured model is served under when none is given: the registry name or the folder name.</summary>
public static class ModelNames
{
    public static string NameOf(ModelOptions options, ModelUri uri)
    {
        if (!string.IsNullOrWhiteSpace(options.Name)) return options.Name.Trim();
        if (uri.Name is not null) return uri.Name;
        var location = uri.Location!.TrimEnd('/', '\\');
        var folder = location[(location.LastIndexOfAny(['/', '\\']) + 1)..];
        // An MLflow run directory ends in .../artifacts/model (or is runs:/<run_id>/model): "model" says nothing, so take the run id instead.
        if (folder == "model" && uri.Kind == ModelUriKind.MlflowRun) return location.Split('/')[1];
        return folder == "model" && location.Contains("/artifacts/", StringComparison.Ordinal)
            ? location.Split('/')[^3]
            : folder;
    }
}
