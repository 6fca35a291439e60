namespace MlService.Api.Errors;

/// <summary>The request uses a protocol feature this server does not implement, e.g. V2 binary tensor data (501).</summary>
public sealed class UnsupportedFeatureException(string message) : MlServiceException(message)
{
    public override int StatusCode => 501;
    public override string Title => "Not implemented";
}
