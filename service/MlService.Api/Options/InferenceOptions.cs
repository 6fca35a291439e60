using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Options;

/// <summary>
/// Request limits and validation switches. Env: <c>MlService__Inference__MaxRowsPerRequest=10000</c>.
/// </summary>
public sealed class InferenceOptions
{
    public const string SectionName = "MlService:Inference";

    /// <summary>Largest request body accepted (413 beyond).</summary>
    [Range(1_024, 1_073_741_824)]
    public int MaxBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most rows in one request (413 beyond).</summary>
    [Range(1, 10_000_000)]
    public int MaxRowsPerRequest { get; set; } = 10_000;

    /// <summary>Reject fields the model does not take (default: ignore them, like FastAPI and MLflow).</summary>
    public bool StrictInputs { get; set; }

    /// <summary>Quote offending input values in error bodies (off by default: request data stays out of errors and logs).</summary>
    public bool EchoInputInErrors { get; set; }

    /// <summary>Longest string accepted in a string column.</summary>
    [Range(1, 16_777_216)]
    public int MaxStringLength { get; set; } = 65_536;
}
