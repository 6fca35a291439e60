namespace MlService.Api.Tests.Storage;

/// <summary>One s3rver for the storage tests that never stop the store; each test uses its own prefix or run id.</summary>
public sealed class SharedS3Server : IAsyncLifetime
{
    public S3Server Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await S3Server.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
