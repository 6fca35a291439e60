namespace MlService.Core.Errors;

/// <summary>A model directory cannot be loaded: bad MLmodel, missing or corrupt artifact, unknown flavor.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : MlServiceException(message, inner)
{
    public override int StatusCode => 500;
    public override string Title => "Model failed to load";
}
