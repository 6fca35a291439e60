using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MlService.Api.Grpc;

namespace MlService.Api.Extensions;

public static class GrpcExtensions
{
    /// <summary>
    /// The Open Inference Protocol over gRPC with health checking and reflection, on its own h2c port
    /// (<see cref="GrpcOptions"/>) added to the REST URLs, which stay as ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS set them.
    /// </summary>
    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GrpcOptions.SectionName);
        builder.Services.AddOptions<GrpcOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GrpcOptions>, GrpcOptionsValidator>();
        builder.Services.AddSingleton<GrpcReliabilityInterceptor>();
        builder.Services.AddSingleton<OpenInferenceGrpcService>();
        builder.Services.AddSingleton<GrpcHealthService>();
        builder.Services.AddGrpc(o => o.Interceptors.Add<GrpcReliabilityInterceptor>());
        // A message may be as large as a REST body (MlService:Inference:MaxBodyBytes); beyond it gRPC answers RESOURCE_EXHAUSTED.
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<InferenceSettings>((o, settings) => o.MaxReceiveMessageSize = settings.Options.MaxBodyBytes);
        builder.Services.AddGrpcReflection();

        var options = section.Get<GrpcOptions>() ?? new GrpcOptions();
        if (options.Enabled && options.Port is > 0 and <= 65535 && new GrpcOptionsValidator().Validate(null, options).Succeeded)
            ListenH2c(builder, options); // invalid settings are reported by validation, as one line
        return builder;
    }

    public static WebApplication MapGrpcApi(this WebApplication app)
    {
        app.MapGrpcService<OpenInferenceGrpcService>();
        app.MapGrpcService<GrpcHealthService>();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>
    /// Adds the gRPC URL to the REST ones and makes its port HTTP/2-only (h2c needs prior knowledge: without TLS there is no
    /// protocol negotiation). Added as a URL rather than with Kestrel's Listen, which would make Kestrel ignore ASPNETCORE_URLS.
    /// </summary>
    private static void ListenH2c(WebApplicationBuilder builder, GrpcOptions options)
    {
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrEmpty(urls))
            urls = string.Join(';', (builder.Configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        var host = options.Host.Contains(':') && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host;
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), $"http://{host}:{options.Port}"]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint =>
        {
            if (endpoint.IPEndPoint?.Port == options.Port) endpoint.Protocols = HttpProtocols.Http2;
        }));
    }
}
