using MlService.Api.Middleware;

namespace MlService.Api.Extensions;

public static class ReliabilityExtensions
{
    /// <summary>Graceful drain on SIGTERM, concurrency limit + queue, request timeout.</summary>
    public static IServiceCollection AddReliability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // The host's stop = drain delay + time for in-flight requests; the drain runs first, as a lifecycle step.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.HostShutdownTimeout);
        services.AddHostedService<ShutdownDrainService>();

        services.AddSingleton<RejectionResponses>();
        services.AddSingleton<ConcurrencyLimiter>();
        services.AddMemoryAdmission(configuration);
        return services;
    }

    /// <summary>The timeout first (it covers the queue wait), then memory admission, then the limiter. Runs after the API-key check, so refused callers take no slot.</summary>
    public static WebApplication UseReliability(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        // gRPC calls get the key, timeout and limiter checks from GrpcReliabilityInterceptor, answered with gRPC status codes.
        app.UseWhen(http => !MlService.Api.Grpc.GrpcMethods.IsGrpc(http), rest =>
        {
            if (limits.RequestTimeoutSeconds > 0) rest.UseMiddleware<RequestTimeoutMiddleware>();
            rest.UseMemoryAdmission();
            if (limits.MaxConcurrentRequests > 0) rest.UseMiddleware<ConcurrencyLimitMiddleware>();
        });
        return app;
    }
}
