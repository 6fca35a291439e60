namespace MlService.Core.Validation;

/// <summary>How strictly rows are checked against a signature.</summary>
public sealed record ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>Reject fields the signature does not name (default: ignore them, like FastAPI and MLflow).</summary>
    public bool StrictInputs { get; init; }

    /// <summary>Quote the offending value in error messages (off: request data never reaches error bodies or logs).</summary>
    public bool EchoValues { get; init; }

    /// <summary>At most this many field errors are reported for one request.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Longest string value accepted in a string column.</summary>
    public int MaxStringLength { get; init; } = 65_536;
}
