using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlService.TestSupport.Service;

/// <summary>A client of the in-memory service once it is ready, for <see cref="ServiceFactory"/> and the factories derived from it.</summary>
public static class ReadyClient
{
    /// <summary>A client once every model is loaded (bounded wait on /health/ready).</summary>
    public static async Task<HttpClient> ReadyClientAsync(this WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "service ready");
        return client;
    }
}
