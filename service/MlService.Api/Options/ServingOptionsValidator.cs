using MlService.Core.Stores;

namespace MlService.Api.Options;

/// <summary>Start-up checks of the models list; each failure names the configuration key.</summary>
public sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var failures = new List<string>();
        if (options.Models.Count == 0)
            failures.Add("MlService:Models is empty: set MODEL_URI (or MlService__Models__0__Uri) to the model to serve");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            if (!ModelUri.TryParse(model.Uri, out var uri, out var error))
            {
                failures.Add($"MlService:Models:{i}:Uri: {error}");
                continue;
            }
            var modelName = ModelNames.NameOf(model, uri);
            try
            {
                ModelStore.ValidateName(modelName, "model name");
            }
            catch (ArgumentException e)
            {
                failures.Add($"MlService:Models:{i}:Name: {e.Message}");
            }
            if (!names.Add(modelName)) failures.Add($"MlService:Models:{i}:Name: model name '{modelName}' is used twice");
        }
        if (options.DefaultModel is { } preferred && !names.Contains(preferred))
            failures.Add($"MlService:DefaultModel: '{preferred}' is not one of the configured models ({string.Join(", ", names)})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
