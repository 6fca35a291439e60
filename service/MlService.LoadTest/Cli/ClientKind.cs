namespace MlService.LoadTest.Cli;

/// <summary>
/// Which HTTP client sends the load: the raw HTTP/1.1 client (prebuilt request bytes on pooled sockets; REST
/// protocols over http://) or .NET's HttpClient (always used for gRPC and https://).
/// </summary>
public enum ClientKind
{
    Raw,
    HttpClient,
}
