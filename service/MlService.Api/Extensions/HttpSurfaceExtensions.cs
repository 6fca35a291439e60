using MlService.Api.Health;
using MlService.Api.OpenApi;
using Microsoft.OpenApi;

namespace MlService.Api.Extensions;

public static class HttpSurfaceExtensions
{
    /// <summary>ProblemDetails for every error, mapped once.</summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["request_id"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        return services;
    }

    /// <summary>Liveness, readiness (models + store) and startup checks, tagged by probe.</summary>
    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<LivenessHealthCheck>("process", tags: [HealthApi.LiveTag])
            .AddCheck<ModelsReadyHealthCheck>("models", tags: [HealthApi.ReadyTag])
            .AddCheck<StoreHealthCheck>("store", tags: [HealthApi.ReadyTag])
            .AddCheck<StartupHealthCheck>("startup", tags: [HealthApi.StartupTag]);
        return services;
    }

    /// <summary>OpenAPI at /openapi.json with per-model schemas from the loaded signatures.</summary>
    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(OpenApiDocs.DocumentName, new OpenApiInfo
            {
                Title = "MlService",
                Version = typeof(HttpSurfaceExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                Description = "Typed, validated prediction endpoints for the models this service is serving, plus probes and metrics.",
            });
            options.DocumentFilter<ModelSchemasDocumentFilter>();
            options.DocumentFilter<ProbesDocumentFilter>();
            options.DocumentFilter<ProtocolsDocumentFilter>();
            options.DocumentFilter<OperationOrderDocumentFilter>();
        });
        return services;
    }

    /// <summary>
    /// Swagger UI at /docs and ReDoc at /redoc, both reading /openapi.json. Branched on their paths, so
    /// prediction requests do not pass through three documentation middlewares.
    /// </summary>
    public static WebApplication UseOpenApiDocs(this WebApplication app)
    {
        app.UseWhen(IsDocsRequest, docs =>
        {
            docs.UseSwagger(o => o.RouteTemplate = "{documentName}.json");
            docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.SwaggerEndpoint($"/{OpenApiDocs.DocumentName}.json", "MlService");
                o.DocumentTitle = "MlService — API docs";
            });
            docs.UseReDoc(o =>
            {
                o.RoutePrefix = "redoc";
                o.SpecUrl = $"/{OpenApiDocs.DocumentName}.json";
                o.DocumentTitle = "MlService — API reference";
            });
        });
        return app;
    }

    private static bool IsDocsRequest(HttpContext http)
    {
        var path = http.Request.Path;
        return path.StartsWithSegments("/docs") || path.StartsWithSegments("/redoc") || path.Equals($"/{OpenApiDocs.DocumentName}.json");
    }
}

public static class OpenApiDocs
{
    /// <summary>The document is named so the route template "{documentName}.json" serves /openapi.json.</summary>
    public const string DocumentName = "openapi";
}
