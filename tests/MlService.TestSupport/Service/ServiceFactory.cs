using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlService.TestSupport.Training;

namespace MlService.TestSupport.Service;

/// <summary>
/// The real service in memory, configured by configuration keys (e.g. <c>MlService:Inference:StrictInputs</c>)
/// over defaults. Given <see cref="TrainedModels"/>, it serves their temp store (heart-disease@production and
/// mixed). Given only keys (a store root, S3 settings, models), it serves what they name; polling is then off
/// unless a test turns it on, so a test moves versions with <c>POST /models/{name}/reload</c>, and the
/// first-load retry backoff is capped at 1 s.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    public ServiceFactory(TrainedModels models, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
        : this(ServedStore(models), settings, time)
    {
    }

    public ServiceFactory(IReadOnlyDictionary<string, string?> settings)
        : this(new Dictionary<string, string?>
        {
            ["MlService:Store:PollIntervalSeconds"] = "0",
            ["MlService:Store:MaxRetryDelaySeconds"] = "1",
        }, settings, time: null)
    {
    }

    private ServiceFactory(Dictionary<string, string?> defaults, IReadOnlyDictionary<string, string?>? settings, TimeProvider? time)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) defaults[key] = value;
        _settings = defaults;
        _time = time;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_time is not null) builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(_time)));
    }

    private static Dictionary<string, string?> ServedStore(TrainedModels models) => new()
    {
        ["MlService:Store:Root"] = models.StoreRoot,
        ["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, "cache"),
        ["MlService:Store:PollIntervalSeconds"] = "0",
        // Disposing an in-memory host is its stop: no load balancer to drain for, so no drain delay.
        ["MlService:Shutdown:DrainDelaySeconds"] = "0",
        ["MlService:Models:0:Uri"] = $"models:/{TrainedModels.HeartDisease}@production",
        ["MlService:Models:1:Uri"] = $"models:/{TrainedModels.Mixed}/latest",
    };
}
