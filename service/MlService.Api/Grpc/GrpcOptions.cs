using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Grpc;

/// <summary>
/// The Open Inference Protocol over gRPC: its own h2c port beside the REST URLs (<c>ASPNETCORE_URLS</c> stays REST's).
/// Env: <c>MlService__Grpc__Port=8081</c>, <c>MlService__Grpc__Host=0.0.0.0</c>, <c>MlService__Grpc__Enabled=false</c>.
/// </summary>
public sealed class GrpcOptions
{
    public const string SectionName = "MlService:Grpc";

    /// <summary>Listen for gRPC at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The h2c (HTTP/2 without TLS) port of the gRPC service, health checking and reflection.</summary>
    public int Port { get; set; } = 8081;

    /// <summary>The address the gRPC port binds: an IP address, <c>localhost</c>, or <c>0.0.0.0</c>/<c>*</c> for every interface.</summary>
    [Required]
    public string Host { get; set; } = "0.0.0.0";
}
