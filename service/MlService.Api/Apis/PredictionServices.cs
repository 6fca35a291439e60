namespace MlService.Api.Apis;

/// <summary>
/// The singletons every prediction endpoint uses, resolved once at mapping time. Handlers close over them instead
/// of taking them as parameters: parameter injection would open a DI scope for every prediction request.
/// </summary>
public static class PredictionServices
{
    public static (InferenceService Inference, InferenceSettings Settings) Resolve(IEndpointRouteBuilder app) =>
        (app.ServiceProvider.GetRequiredService<InferenceService>(), app.ServiceProvider.GetRequiredService<InferenceSettings>());
}
