namespace MlService.Api.Endpoints;

/// <summary>Marks a probe endpoint (Kubernetes, MLflow /ping and /health, V2 health): never limited, never needs a key.</summary>
public sealed class ProbeEndpointMetadata;
