using MlService.Core.Mlflow;
using MlService.Core.Runtimes;
using MlService.Core.Runtimes.MlNet;
using MlService.Core.Runtimes.Onnx;
using MlService.Core.Stores;

namespace MlService.Api.Extensions;

public static class ModelServingExtensions
{
    /// <summary>Options, runtimes (in flavor precedence), store, registry, loader and the background loading service.</summary>
    public static IServiceCollection AddModelServing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>();
        services.AddSingleton<IValidateOptions<ServingOptions>, MlflowUriValidator>();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MlflowOptions>().Bind(configuration.GetSection(MlflowOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // Most specific flavor first: ModelRuntimes keeps this order when a model directory carries several flavors.
        services.AddSingleton<IModelRuntime, MlNetModelRuntime>();
        services.AddSingleton<IModelRuntime, OnnxModelRuntime>();
        services.AddSingleton<ModelRuntimes>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var factory = new BlobStoreFactory(store.S3);
            var cache = new ModelCache(store.CacheDirectory);
            var mlflow = sp.GetRequiredService<IOptions<MlflowOptions>>().Value.ToSettings();
            // With MLFLOW_TRACKING_URI, models:/ means what `mlflow models serve` means: ask the tracking server.
            var mlflowSource = mlflow.IsConfigured ? new MlflowModelSource(new MlflowRegistryClient(new MlflowRestClient(mlflow)), factory, cache) : null;
            return new ModelSource(factory, string.IsNullOrWhiteSpace(store.Root) ? null : store.Root, cache, mlflowSource);
        });
        services.AddSingleton(sp =>
        {
            var serving = sp.GetRequiredService<IOptions<ServingOptions>>().Value;
            var models = serving.Models.Select(m =>
            {
                var uri = ModelUri.Parse(m.Uri);
                return new ServedModel(ModelNames.NameOf(m, uri), uri);
            }).ToList();
            return new ModelRegistry(models, serving.DefaultModel);
        });
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<StoreHealth>();
        services.AddSingleton<StartupGate>();
        services.AddSingleton<ModelRefresher>();
        services.AddSingleton<DemoMemoryLeak>();
        services.AddSingleton<InferenceService>();
        services.AddSingleton<InferenceSettings>();
        services.AddHostedService<ModelLoadingService>();
        return services;
    }
}
