using MlService.Api.Middleware;
using MlService.Api.Security;

namespace MlService.Api.Extensions;

public static class SecurityExtensions
{
    /// <summary>API keys (off unless <c>MlService:Auth:Enabled</c>), validated at start and re-read when the configuration changes.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyRing>();
        return services;
    }

    /// <summary>The key check; placed before <see cref="ReliabilityExtensions.UseReliability"/> so refused callers never take a slot.</summary>
    public static WebApplication UseApiKeys(this WebApplication app)
    {
        // gRPC calls read their key from metadata in GrpcReliabilityInterceptor and are refused with gRPC status codes.
        app.UseWhen(http => !MlService.Api.Grpc.GrpcMethods.IsGrpc(http), rest => rest.UseMiddleware<ApiKeyMiddleware>());
        return app;
    }
}
