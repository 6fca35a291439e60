using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// The real service's endpoints, read from its route table in memory (no port, no model needed: routes are
/// mapped at start, models load in the background and may fail here without changing them).
/// </summary>
public static class ServiceRouteTable
{
    private static readonly Lazy<IReadOnlySet<string>> Paths = new(ReadGetPaths);

    /// <summary>Parameterless routes that answer GET — what a probe or a scraper can call.</summary>
    public static IReadOnlySet<string> GetPaths => Paths.Value;

    private static IReadOnlySet<string> ReadGetPaths()
    {
        var store = Directory.CreateTempSubdirectory("mlservice-routes-");
        try
        {
            using var factory = new ServiceFactory(new Dictionary<string, string?>
            {
                ["MlService:Store:Root"] = store.FullName,
                ["MlService:Store:CacheDirectory"] = Path.Combine(store.FullName, "cache"),
                ["MlService:Models:0:Uri"] = "models:/heart-disease@production",
            });
            using var client = factory.CreateClient();   // builds and starts the host
            return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.Parameters.Count == 0)
                .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
                .ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }
}
