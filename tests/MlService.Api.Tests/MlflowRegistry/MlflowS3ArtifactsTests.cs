using MlService.Core.Mlflow;
using MlService.Core.Stores;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// A tracking server without the artifacts proxy hands out <c>s3://</c> download URIs: the files then come straight
/// from S3 (a real S3-compatible server, s3rver) with the service's S3 settings, MLflow's names included.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowS3ArtifactsTests(TrainedModels models)
{
    [Fact]
    public async Task AVersionWhoseFilesAreInS3IsDownloadedWithTheS3Settings()
    {
        await using var s3 = await S3Server.StartNewAsync();
        await using var mlflow = await MlflowStandIn.StartAsync();
        var prefix = $"{Guid.NewGuid():N}/artifacts/model";
        var blobs = s3.Blobs("s3://models");
        foreach (var file in Directory.EnumerateFiles(models.Good))
        {
            await using var content = File.OpenRead(file);
            await blobs.WriteAsync($"{prefix}/{Path.GetFileName(file)}", content);
        }
        using (var rest = new MlflowRestClient(MlflowPublishing.Settings(mlflow)))
        {
            var tracking = new MlflowTrackingClient(rest, new BlobStoreFactory(new S3Settings()));
            await tracking.EnsureRegisteredModelAsync("heart", CancellationToken.None);
            var version = await tracking.CreateModelVersionAsync("heart", $"s3://models/{prefix}", runId: null, CancellationToken.None);
            await tracking.SetAliasAsync("heart", "production", version, CancellationToken.None);
        }
        var settings = MlflowPublishing.ServiceSettings(mlflow, "models:/heart@production", models.Root);
        foreach (var (key, value) in s3.StoreSettings(root: null).Where(s => s.Key != "MlService:Store:Root")) settings[key] = value;
        await using var service = new ServiceFactory(settings);

        using var client = await service.ReadyClientAsync();
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
        Assert.DoesNotContain(mlflow.Requests, r => r.Contains("mlflow-artifacts", StringComparison.Ordinal));
    }
}
