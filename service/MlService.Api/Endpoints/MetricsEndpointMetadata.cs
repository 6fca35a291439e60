namespace MlService.Api.Reliability;

/// <summary>Marks the Prometheus endpoint: never limited, open unless <see cref="AuthOptions.ProtectMetrics"/>.</summary>
public sealed class MetricsEndpointMetadata;
