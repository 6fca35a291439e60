using Microsoft.Extensions.Options;
using MlService.Api.Reliability;

namespace MlService.Api.Extensions;

public static class ReliabilityExtensions
{
    /// <summary>Graceful drain on SIGTERM, concurrency limit + queue, request timeout, API keys.</summary>
    public static IServiceCollection AddReliability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        // The host's stop = drain delay + time for in-flight requests; the drain runs first, as a lifecycle step.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.HostShutdownTimeout);
        services.AddHostedService<ShutdownDrainService>();

        services.AddSingleton<RejectionResponses>();
        services.AddSingleton<ConcurrencyLimiter>();
        services.AddSingleton<ApiKeyRing>();
        return services;
    }

    /// <summary>API keys first (refused callers take no slot), then the timeout (it covers the queue wait), then the limiter.</summary>
    public static WebApplication UseReliability(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        // gRPC calls get the same checks from GrpcReliabilityInterceptor, answered with gRPC status codes.
        app.UseWhen(http => !MlService.Api.Grpc.GrpcMethods.IsGrpc(http), rest =>
        {
            rest.UseMiddleware<ApiKeyMiddleware>();
            if (limits.RequestTimeoutSeconds > 0) rest.UseMiddleware<RequestTimeoutMiddleware>();
            if (limits.MaxConcurrentRequests > 0) rest.UseMiddleware<ConcurrencyLimitMiddleware>();
        });
        return app;
    }
}
