namespace MlService.Core.Errors;

/// <summary>
/// Base of every error the service reports to a caller. Carries its HTTP status and a short title so one
/// exception handler maps all of them to ProblemDetails; the message is safe to show (no stack, no secrets).
/// </summary>
public abstract class MlServiceException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract int StatusCode { get; }
    public abstract string Title { get; }

    /// <summary>Per-field errors keyed by field path (<c>[3].age</c>), when the error is about input fields.</summary>
    public virtual IReadOnlyDictionary<string, string[]>? FieldErrors => null;
}
