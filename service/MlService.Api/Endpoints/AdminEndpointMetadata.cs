namespace MlService.Api.Endpoints;

/// <summary>Marks an endpoint that changes what the service serves (reload, load, unload): it needs an admin key when auth is on.</summary>
public sealed class AdminEndpointMetadata;
