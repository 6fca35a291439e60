namespace MlService.Core.Errors;

/// <summary>No model (or no such version) of that name is configured (404).</summary>
public sealed class ModelNotFoundException(string message) : MlServiceException(message)
{
    public override int StatusCode => 404;
    public override string Title => "Model not found";
}
