namespace MlService.Api.Tests.RealParts;

/// <summary>A reloadable key edited to a value of the wrong type in the mounted file: reported, the previous value stays, the process lives.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class MountedConfigWrongTypeTests(TrainedModels models)
{
    [Fact]
    public async Task AWrongTypeInAnEditedMountedFileKeepsThePreviousSettings()
    {
        var file = await MountedConfig.WriteStrictAsync(models);
        await using var service = await ServiceProcess.StartAsync(models.HeartDiseaseProcess(ServiceEnvironment.UniqueCacheFolder(), (MountedConfig.Variable, file)));
        using var client = await service.ReadyClientAsync();
        var extra = MountedConfig.RowWithUnknownField();

        await File.WriteAllTextAsync(file, """{"MlService": {"Inference": {"StrictInputs": "abc"}}}""");
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("were not applied")), TimeSpan.FromSeconds(30), "the wrong type to be reported");

        Assert.Contains("StrictInputs", service.Output);
        Assert.DoesNotContain("   at ", service.Output);
        Assert.False(service.Process.HasExited);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/predict", extra)).StatusCode);
    }
}
