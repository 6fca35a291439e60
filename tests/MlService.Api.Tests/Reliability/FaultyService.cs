using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MlService.Api.Tests.Infrastructure;
using MlService.Core.Runtimes;

namespace MlService.Api.Tests.Reliability;

/// <summary>The in-memory service with the <c>mlnet</c> runtime replaced by <see cref="FaultyRuntime"/>.</summary>
public static class FaultyService
{
    public static WebApplicationFactory<MlService.Api.Options.ServingOptions> Create(
        TrainedModels models, ModelFaults faults, IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceFactory(models, settings).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IModelRuntime>(_ => new FaultyRuntime(faults))));

    /// <summary>A client once every model is loaded (bounded wait on /health/ready).</summary>
    public static async Task<HttpClient> ReadyClientAsync(this WebApplicationFactory<MlService.Api.Options.ServingOptions> factory)
    {
        var client = factory.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "service ready");
        return client;
    }
}
