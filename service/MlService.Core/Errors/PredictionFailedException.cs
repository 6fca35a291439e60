namespace MlService.Core.Errors;

/// <summary>The model threw while predicting valid input: a fault of the model, reported as 500 for that request only.</summary>
public sealed class PredictionFailedException(string modelName, Exception inner)
    : MlServiceException($"Model '{modelName}' failed while predicting: {inner.GetType().Name}", inner)
{
    public override int StatusCode => 500;
    public override string Title => "Prediction failed";
}
