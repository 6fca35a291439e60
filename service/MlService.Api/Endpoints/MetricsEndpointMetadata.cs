namespace MlService.Api.Endpoints;

/// <summary>Marks the Prometheus endpoint: never limited, open unless <c>MlService:Auth:ProtectMetrics</c>, not in the HTTP metrics.</summary>
public sealed class MetricsEndpointMetadata;
