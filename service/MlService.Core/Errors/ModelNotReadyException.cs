namespace MlService.Core.Errors;

/// <summary>The model is configured but not loaded yet, or its load failed (503, retryable).</summary>
public sealed class ModelNotReadyException(string modelName, string message, int retryAfterSeconds = 5)
    : MlServiceException(message)
{
    public override int StatusCode => 503;
    public override string Title => "Model not ready";
    public string ModelName { get; } = modelName;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
