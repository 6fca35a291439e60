namespace MlService.Api.Options;

/// <summary>
/// Which models to serve. Env: <c>MlService__Models__0__Uri=models:/heart-disease@production</c>, or the
/// short form <c>MODEL_URI</c> (+ <c>MODEL_NAME</c>) for a single model.
/// </summary>
public sealed class ServingOptions
{
    public const string SectionName = "MlService";

    public List<ModelOptions> Models { get; set; } = [];

    /// <summary>Model used by <c>POST /predict</c> and <c>/invocations</c>; the first one when unset.</summary>
    public string? DefaultModel { get; set; }
}
