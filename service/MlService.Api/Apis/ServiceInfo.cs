namespace MlService.Api.Apis;

/// <summary>The server's name and version as protocols report them (MLflow <c>/version</c>, V2 server metadata).</summary>
public static class ServiceInfo
{
    public const string Name = "mlservice";

    public static readonly string Version = typeof(ServiceInfo).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
