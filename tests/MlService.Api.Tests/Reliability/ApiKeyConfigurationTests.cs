namespace MlService.Api.Tests.Reliability;

/// <summary>API keys in a real process: start-up validation, and rotation through a mounted file (MLSERVICE_CONFIG's second file) without a restart.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ApiKeyConfigurationTests(TrainedModels models)
{
    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => models.HeartDiseaseProcess("cache-auth", extra);

    [Theory]
    [InlineData(null, "MlService:Auth:Enabled is true but MlService:Auth:ApiKeys and AdminApiKeys are empty")]
    [InlineData("short-key", "MlService:Auth:ApiKeys:0 is shorter than 16 characters")]
    public async Task AuthEnabledWithoutAUsableKeyStopsTheProcessNamingTheKeyNotTheValue(string? key, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Env(("MlService__Auth__Enabled", "true"), ("MlService__Auth__ApiKeys__0", key)));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
        if (key is not null) Assert.DoesNotContain(key, output.Replace(message, ""));
    }

    [Fact]
    public async Task KeysRotateThroughTheMountedFileAndAnInvalidChangeKeepsThePreviousKeys()
    {
        const string oldKey = "rotation-old-key-0123456789";
        const string newKey = "rotation-new-key-9876543210";
        // Like the deployment: the ConfigMap's file turns auth on, a Secret's file (listed second) holds the keys.
        var settings = Path.Combine(models.Root, $"settings-{Guid.NewGuid():N}.json");
        var file = Path.Combine(models.Root, $"keys-{Guid.NewGuid():N}.json");
        static string Keys(string json) => "{\"MlService\": {\"Auth\": " + json + "}}";
        await File.WriteAllTextAsync(settings, Keys("""{"Enabled": true}"""));
        await File.WriteAllTextAsync(file, Keys($$"""{"ApiKeys": ["{{oldKey}}"]}"""));
        await using var service = await ServiceProcess.StartAsync(Env(("MLSERVICE_CONFIG", $"{settings}:{file}")));
        using var client = service.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "ready");
        async Task<HttpStatusCode> PredictWith(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Json.Body(TrainedModels.HeartRow()) };
            request.Headers.Add("X-API-Key", key);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await PredictWith(oldKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await PredictWith(newKey));

        await File.WriteAllTextAsync(file, Keys($$"""{"ApiKeys": ["{{newKey}}"]}"""));
        await Eventually.TrueAsync(async () => await PredictWith(newKey) == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the new key to apply");
        Assert.Equal(HttpStatusCode.Unauthorized, await PredictWith(oldKey));

        await File.WriteAllTextAsync(file, Keys("""{"ApiKeys": ["too-short"]}"""));
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("keeping the previous keys")), TimeSpan.FromSeconds(30), "the invalid change to be reported");
        Assert.Equal(HttpStatusCode.OK, await PredictWith(newKey));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livez")).StatusCode);
        Assert.DoesNotContain(newKey, service.Output);
        Assert.DoesNotContain(oldKey, service.Output);
        Assert.DoesNotContain("too-short", service.Output);
    }
}
