using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Errors;

/// <summary>
/// MLflow's scoring-server error body <c>{"error_code", "message"}</c> with the status of MLflow's
/// <c>ERROR_CODE_TO_HTTP_STATUS</c> table: malformed bodies are <c>BAD_REQUEST</c> 400 ("Invalid input. ..."), rows that
/// do not fit the signature <c>INVALID_PARAMETER_VALUE</c> 400 (our 422), unknown model <c>RESOURCE_DOES_NOT_EXIST</c> 404,
/// loading <c>TEMPORARILY_UNAVAILABLE</c> 503, and a model fault <c>INTERNAL_ERROR</c> 500 (MLflow says 400 there; the
/// reference's implication 2 asks for 500). MLflow answers 415 itself (as text/plain) and has no body limit, so 415 and
/// 413 keep their status and carry <c>BAD_REQUEST</c>. No stack trace is ever added.
/// </summary>
public sealed class MlflowErrorShape : ProtocolErrorShape
{
    public static readonly MlflowErrorShape Instance = new();

    public override void Apply(ProblemDetails problem, Exception exception)
    {
        var status = problem.Status ?? 500;
        var (code, mlflowStatus) = status switch
        {
            422 => ("INVALID_PARAMETER_VALUE", 400),
            400 or 413 or 415 => ("BAD_REQUEST", status),
            401 => ("UNAUTHENTICATED", 401),
            403 => ("PERMISSION_DENIED", 403),
            404 => ("RESOURCE_DOES_NOT_EXIST", 404),
            429 => ("REQUEST_LIMIT_EXCEEDED", 429),
            501 => ("NOT_IMPLEMENTED", 501),
            503 => ("TEMPORARILY_UNAVAILABLE", 503),
            504 => ("DEADLINE_EXCEEDED", 504),
            >= 400 and < 500 => ("BAD_REQUEST", status),
            _ => ("INTERNAL_ERROR", status),
        };
        var message = Message(problem, exception);
        if (exception is MalformedRequestException) message = "Invalid input. " + message;
        problem.Status = mlflowStatus;
        problem.Extensions["error_code"] = code;
        problem.Extensions["message"] = message;
    }
}
