using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlService.TestSupport.Service;

/// <summary>
/// A small real Kestrel app on 127.0.0.1 for the servers tests stand up next to the service (stand-ins, proxies,
/// fake model servers): without logging, so that test output shows only the service's.
/// </summary>
public static class LoopbackWebApp
{
    /// <summary>An app listening on the given port of 127.0.0.1; port 0 lets the OS choose a free one.</summary>
    public static WebApplication Create(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }

    /// <summary>Starts the app and returns the address it listens on (with the port the OS chose).</summary>
    public static async Task<Uri> StartListeningAsync(this WebApplication app)
    {
        await app.StartAsync();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }
}
