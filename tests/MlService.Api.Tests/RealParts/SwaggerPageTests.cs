namespace MlService.Api.Tests.RealParts;

/// <summary>Headless Chromium (Debian package) renders /docs; the rendered page must list the predict operations.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class SwaggerPageTests(TrainedModels models)
{
    [Fact]
    public async Task TheRenderedDocsPageListsThePredictOperationOfTheLoadedModel()
    {
        await using var service = await ServiceProcess.StartAsync(models.HeartDiseaseProcess("cache-chromium"));
        using var client = await service.ReadyClientAsync();
        var profile = Directory.CreateTempSubdirectory("mlservice-chromium-").FullName;
        try
        {
            var (exit, dom, stderr) = await ExternalTool.RunAsync(ExternalTool.Require("chromium"),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=10000",
                "--dump-dom", new Uri(service.BaseAddress, "/docs/index.html").ToString(),
            ], timeout: TimeSpan.FromSeconds(90));

            Assert.True(exit == 0, $"chromium failed ({exit}): {stderr}");
            Assert.Contains("data-path=\"/models/heart-disease/predict\"", dom);
            Assert.Contains("data-path=\"/predict\"", dom);
            Assert.Contains("MlService", dom);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
