namespace MlService.Api.Errors;

/// <summary>A model repository request that could not be carried out, e.g. a load whose model fails to load (400, as Triton answers).</summary>
public sealed class ModelRepositoryException(string message) : MlServiceException(message)
{
    public override int StatusCode => 400;
    public override string Title => "Model repository request failed";
}
