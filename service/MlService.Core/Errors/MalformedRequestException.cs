namespace MlService.Core.Errors;

/// <summary>The body cannot be parsed as the protocol requires (400).</summary>
public sealed class MalformedRequestException(string message, string? field = null, Exception? inner = null)
    : MlServiceException(message, inner)
{
    public override int StatusCode => 400;
    public override string Title => "Malformed request";
    public string? Field { get; } = field;
    public override IReadOnlyDictionary<string, string[]>? FieldErrors =>
        Field is null ? null : new Dictionary<string, string[]> { [Field] = [Message] };
}
