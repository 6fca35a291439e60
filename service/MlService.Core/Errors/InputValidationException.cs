namespace MlService.Core.Errors;

/// <summary>The request is well-formed but its rows do not fit the model's signature (422).</summary>
public sealed class InputValidationException(IReadOnlyDictionary<string, string[]> errors)
    : MlServiceException(Describe(errors))
{
    public override int StatusCode => 422;
    public override string Title => "Input does not match the model signature";
    public override IReadOnlyDictionary<string, string[]> FieldErrors { get; } = errors;

    private static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        var count = errors.Values.Sum(e => e.Length);
        var first = errors.First();
        return count == 1
            ? $"{first.Key}: {first.Value[0]}"
            : $"{count} input errors; first: {first.Key}: {first.Value[0]}";
    }
}
