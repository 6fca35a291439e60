namespace MlService.Api.Options;

public static class InferenceOptionsExtensions
{
    /// <summary>The validation switches of the core library, from the service's options.</summary>
    public static ValidationOptions ToValidation(this InferenceOptions options) => new()
    {
        StrictInputs = options.StrictInputs,
        EchoValues = options.EchoInputInErrors,
        MaxStringLength = options.MaxStringLength,
    };
}
