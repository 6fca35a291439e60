using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MlService.Api.Tests.Infrastructure;

namespace MlService.Api.Tests.Storage;

/// <summary>
/// The real service in memory configured only by the given keys (the store root, S3 settings, models), unlike
/// <see cref="ServiceFactory"/> which serves the local test store. Polling is off unless a test turns it on,
/// so a test moves versions with <c>POST /models/{name}/reload</c>; the first-load retry backoff is capped at 1 s.
/// </summary>
public sealed class S3ServiceFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<MlService.Api.Options.ServingOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>
        {
            ["MlService:Store:PollIntervalSeconds"] = "0",
            ["MlService:Store:MaxRetryDelaySeconds"] = "1",
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
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
