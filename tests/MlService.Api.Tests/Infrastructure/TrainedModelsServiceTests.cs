namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// Tests that talk to one in-process service serving the trained models with default settings, through a client that
/// is used only once the service reports ready.
/// </summary>
public abstract class TrainedModelsServiceTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models);

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
