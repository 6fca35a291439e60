namespace MlService.Core.Mlflow;

/// <summary>
/// The tracking server answered a request with an MLflow error body (<c>{"error_code", "message"}</c>), e.g. 404
/// RESOURCE_DOES_NOT_EXIST for an unknown model or 400 INVALID_PARAMETER_VALUE for a missing alias. The message reads
/// like MLflow's own client: <c>RESOURCE_DOES_NOT_EXIST: Registered Model with name=x not found</c>.
/// </summary>
public sealed class MlflowApiException(int httpStatus, string errorCode, string mlflowMessage)
    : MlServiceException($"{errorCode}: {mlflowMessage}")
{
    public int HttpStatus { get; } = httpStatus;
    public string ErrorCode { get; } = errorCode;
    public string MlflowMessage { get; } = mlflowMessage;

    public override int StatusCode => 500;
    public override string Title => "MLflow refused the request";
}
