using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using MlService.Core.Runtimes;

namespace MlService.Api.Tests.Reliability;

/// <summary>The in-memory service with the <c>mlnet</c> runtime replaced by <see cref="FaultyRuntime"/>.</summary>
public static class FaultyService
{
    public static WebApplicationFactory<Program> Create(
        TrainedModels models, ModelFaults faults, IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceFactory(models, settings).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IModelRuntime>(_ => new FaultyRuntime(faults))));
}
