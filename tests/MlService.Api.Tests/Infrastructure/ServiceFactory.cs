using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// The real service in memory (the type argument only names the API assembly: the load tool's internal
/// Program is visible to this project too, so <c>Program</c> would be ambiguous), pointed at the tests' temp store. Settings are configuration keys
/// (e.g. <c>MlService:Inference:StrictInputs</c>); the default serves heart-disease@production and mixed.
/// </summary>
public sealed class ServiceFactory(TrainedModels models, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    : WebApplicationFactory<MlService.Api.Options.ServingOptions>
{
    public TrainedModels Models { get; } = models;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var defaults = new Dictionary<string, string?>
        {
            ["MlService:Store:Root"] = Models.StoreRoot,
            ["MlService:Store:CacheDirectory"] = Path.Combine(Models.Root, "cache"),
            ["MlService:Store:PollIntervalSeconds"] = "0",
            // Disposing an in-memory host is its stop: no load balancer to drain for, so no drain delay.
            ["MlService:Shutdown:DrainDelaySeconds"] = "0",
            ["MlService:Models:0:Uri"] = $"models:/{TrainedModels.HeartDisease}@production",
            ["MlService:Models:1:Uri"] = $"models:/{TrainedModels.Mixed}/latest",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) defaults[key] = value;
        foreach (var (key, value) in defaults) builder.UseSetting(key, value);
        if (time is not null) builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(time)));
    }

    /// <summary>A client once every model is loaded (bounded wait on /health/ready).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "service ready");
        return client;
    }
}
