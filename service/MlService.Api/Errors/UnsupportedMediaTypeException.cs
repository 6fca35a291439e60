namespace MlService.Api.Errors;

/// <summary>The request's Content-Type is not one the endpoint reads (415).</summary>
public sealed class UnsupportedMediaTypeException(string message) : MlServiceException(message)
{
    public override int StatusCode => 415;
    public override string Title => "Unsupported media type";
}
