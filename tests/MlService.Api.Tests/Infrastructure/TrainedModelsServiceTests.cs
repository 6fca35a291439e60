namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// Tests that talk to one in-process service serving the trained models with default settings, through a client that
/// is used only once the service reports ready.
/// </summary>
public abstract class TrainedModelsServiceTests(TrainedModels models) : IAsyncLifetime
{
    protected ServiceFactory Factory { get; } = new(models);

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await Factory.ReadyClientAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
