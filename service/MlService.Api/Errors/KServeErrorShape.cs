using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Errors;

/// <summary>
/// KServe's error body <c>{"error": "..."}</c> for Open Inference (V2) and V1 routes, with the codes KServe's model server
/// uses: invalid input 400 (our 422 becomes 400), unknown model 404, not ready 503, model failure 500, not implemented 501.
/// </summary>
public sealed class KServeErrorShape : ProtocolErrorShape
{
    public static readonly KServeErrorShape Instance = new();

    public override void Apply(ProblemDetails problem, Exception exception)
    {
        if (problem.Status == StatusCodes.Status422UnprocessableEntity) problem.Status = StatusCodes.Status400BadRequest;
        problem.Extensions["error"] = Message(problem, exception);
    }
}
