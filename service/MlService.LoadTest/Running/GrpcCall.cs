namespace MlService.LoadTest.Running;

/// <summary>
/// A unary gRPC call as a plain HTTP/2 request (h2c with prior knowledge): the body is a framed message
/// (<see cref="Bodies.GrpcBodyBuilder"/>), the outcome is the <c>grpc-status</c> trailer (or header, for a trailers-only
/// answer), counted as the REST status it stands for so errors and reports read the same for every protocol.
/// </summary>
public static class GrpcCall
{
    public static void Prepare(HttpRequestMessage request)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        request.Headers.TryAddWithoutValidation("te", "trailers");
    }

    /// <summary>200 for OK; the REST status of a gRPC error code; the HTTP status when the answer is not gRPC at all.</summary>
    public static int Status(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK) return (int)response.StatusCode;
        var code = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault() : null;
        return code switch
        {
            "0" => 200,
            "3" or "9" or "11" => 400,
            "16" => 401,
            "7" => 403,
            "5" => 404,
            "8" => 429,
            "12" => 501,
            "14" => 503,
            "4" => 504,
            _ => 500,
        };
    }
}
