using MlService.Api.Middleware;
using MlService.Api.Containers;

namespace MlService.Api.Extensions;

public static class MemoryAdmissionExtensions
{
    /// <summary>How stale a cgroup sample admission may use: fresh enough for a burst, rare enough to cost nothing.</summary>
    private static readonly TimeSpan CgroupRefresh = TimeSpan.FromMilliseconds(20);

    /// <summary>Memory admission's options, the cgroup memory reader (under MLSERVICE_CGROUP_ROOT) and the admission counter.</summary>
    public static IServiceCollection AddMemoryAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemoryAdmissionOptions>().Bind(configuration.GetSection(MemoryAdmissionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CgroupMemoryReader(sp.GetRequiredService<IConfiguration>()[MetricsSetup.CgroupRootKey] is { Length: > 0 } root ? root : "/"));
        services.AddSingleton<IValidateOptions<MemoryAdmissionOptions>, MemoryFloorValidator>();
        services.AddSingleton<MemoryAdmissionMetrics>();
        services.AddSingleton<MemoryShedResponses>();
        services.AddSingleton(sp =>
        {
            var admission = new MemoryAdmission(sp.GetRequiredService<IOptions<MemoryAdmissionOptions>>().Value, sp.GetRequiredService<CgroupMemoryReader>(), CgroupRefresh);
            sp.GetRequiredService<MemoryAdmissionMetrics>().Report(admission);
            return admission;
        });
        return services;
    }

    /// <summary>Adds the middleware when admission is on; place it before the concurrency limit.</summary>
    public static IApplicationBuilder UseMemoryAdmission(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<MemoryAdmissionOptions>>().Value.Enabled) app.UseMiddleware<MemoryAdmissionMiddleware>();
        return app;
    }
}
