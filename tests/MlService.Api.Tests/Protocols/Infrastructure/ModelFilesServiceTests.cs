namespace MlService.Api.Tests.Protocols.Infrastructure;

/// <summary>
/// Tests that write their own model files into a temporary folder and serve them, next to the trained models, from
/// one in-process service; the folder is deleted with the service.
/// </summary>
public abstract class ModelFilesServiceTests(TrainedModels models, string folderPrefix) : IAsyncLifetime
{
    protected TrainedModels Models { get; } = models;

    protected string Root { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    protected ServiceFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Writes the model files under <see cref="Root"/>; returns the settings that serve them.</summary>
    protected abstract Dictionary<string, string?> WriteModels();

    /// <summary>Waits until every model is loaded; a test with a model that cannot load waits for its own condition.</summary>
    protected virtual Task UntilStartedAsync() =>
        Eventually.TrueAsync(async () => (await Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "service ready");

    public async Task InitializeAsync()
    {
        Factory = new ServiceFactory(Models, WriteModels());
        Client = Factory.CreateClient();
        await UntilStartedAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
