namespace MlService.Core.Errors;

/// <summary>The body or the number of rows exceeds a configured limit (413).</summary>
public sealed class PayloadTooLargeException(string message) : MlServiceException(message)
{
    public override int StatusCode => 413;
    public override string Title => "Payload too large";
}
