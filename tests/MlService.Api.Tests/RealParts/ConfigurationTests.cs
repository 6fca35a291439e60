namespace MlService.Api.Tests.RealParts;

[Collection(TrainedModelsCollection.Name)]
public sealed class ConfigurationTests(TrainedModels models)
{
    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => models.HeartDiseaseProcess("cache-process", extra);

    [Theory]
    [InlineData("MlService__Inference__MaxRowsPerRequest", "0", "MaxRowsPerRequest")]
    [InlineData("MlService__Store__PollIntervalSeconds", "-5", "PollIntervalSeconds")]
    [InlineData("MODEL_URI", "ftp://nowhere/model", "MlService:Models:0:Uri")]
    [InlineData("MODEL_URI", "models:/bad name@x", "MlService:Models:0:Uri")]
    [InlineData("MlService__DefaultModel", "ghost", "MlService:DefaultModel")]
    public async Task ABadSettingStopsTheProcessWithAMessageNamingTheKey(string key, string value, string named)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Env((key, value)));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task NoConfiguredModelStopsTheProcess()
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Env(("MODEL_URI", null)));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MODEL_URI", output);
    }

    [Fact]
    public async Task ShortEnvironmentNamesAndJsonLogsWork()
    {
        await using var service = await ServiceProcess.StartAsync(Env(("MODEL_NAME", "cardio"), ("Logging__LogLevel__MlService.Api.Requests", "Debug")));
        using var client = await service.ReadyClientAsync();

        var response = await client.PostJsonAsync("/models/cardio/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("\"RequestId\"") && service.Output.Contains("/models/cardio/predict")),
            TimeSpan.FromSeconds(10), "a JSON request log line");
        var line = service.Output.Split('\n').First(l => l.Contains("/models/cardio/predict"));
        Assert.StartsWith("{", line.Trim());
        Assert.Contains("\"Status\":200", line);
        Assert.Contains("\"Model\":\"cardio\"", line);
        Assert.Contains("\"ElapsedMs\":", line);
    }

    [Fact]
    public async Task FailedRequestsAreLoggedByDefaultAndSuccessesAreNot()
    {
        await using var service = await ServiceProcess.StartAsync(Env());
        using var client = await service.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/models/heart-disease/predict", "{}")).StatusCode);

        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("/models/heart-disease/predict")), TimeSpan.FromSeconds(10), "the 422 to be logged");
        var line = service.Output.Split('\n').First(l => l.Contains("/models/heart-disease/predict"));
        Assert.Contains("\"Status\":422", line);
        Assert.Contains("\"LogLevel\":\"Information\"", line);
        Assert.DoesNotContain("\"Path\":\"/predict\"", service.Output);
    }

    [Fact]
    public async Task AMountedFileChangedToAnInvalidValueKeepsThePreviousSettings()
    {
        var file = await MountedConfig.WriteStrictAsync(models);
        await using var service = await ServiceProcess.StartAsync(Env((MountedConfig.Variable, file)));
        using var client = await service.ReadyClientAsync();
        var extra = MountedConfig.RowWithUnknownField();

        await File.WriteAllTextAsync(file, """{"MlService": {"Inference": {"StrictInputs": false, "MaxRowsPerRequest": 0}}}""");
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("were not applied")), TimeSpan.FromSeconds(30), "the invalid value to be reported");

        Assert.Contains("MaxRowsPerRequest", service.Output);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/predict", extra)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
    }

    [Fact]
    public async Task TheMountedConfigFileIsReadAndReloadedAndInvalidJsonKeepsThePreviousSettings()
    {
        var file = await MountedConfig.WriteStrictAsync(models);
        await using var service = await ServiceProcess.StartAsync(Env((MountedConfig.Variable, file)));
        using var client = await service.ReadyClientAsync();
        var extra = MountedConfig.RowWithUnknownField();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/predict", extra)).StatusCode);

        await File.WriteAllTextAsync(file, """{"MlService": {"Inference": {"StrictInputs": false}}}""");
        await Eventually.TrueAsync(async () => (await client.PostJsonAsync("/predict", extra)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the changed file to apply");

        await File.WriteAllTextAsync(file, """{"MlService": {"Inference": {"StrictInputs": tru""");
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("keeping the previous settings")), TimeSpan.FromSeconds(30), "the invalid file to be reported");
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", extra)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
