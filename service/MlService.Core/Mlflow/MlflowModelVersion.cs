namespace MlService.Core.Mlflow;

/// <summary>The fields of MLflow's <c>ModelVersion</c> the service uses (the version is a string on the wire).</summary>
public sealed record MlflowModelVersion(string Name, string Version, string? Source, string? RunId);
