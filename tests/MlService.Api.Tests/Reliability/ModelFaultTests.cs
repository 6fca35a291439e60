using MlService.Core.Models;
using MlService.Core.Stores;

namespace MlService.Api.Tests.Reliability;

/// <summary>A model that throws at predict, and a corrupt artifact published as a new version.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ModelFaultTests(TrainedModels models)
{
    [Fact]
    public async Task AModelThatThrowsIsA500ForThatRequestOnlyAndTheNextRequestWorks()
    {
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults);
        var client = await factory.ReadyClientAsync();
        var errorsBefore = await PrometheusText.SampleAsync(client, "mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"native\",outcome=\"error\"}");

        faults.ThrowOnPredict(true);
        using var failed = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        faults.ThrowOnPredict(false);
        using var next = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        var text = await failed.Content.ReadAsStringAsync();
        Assert.Contains("Prediction failed", text);
        Assert.DoesNotContain("secret-internal-detail", text);
        Assert.DoesNotContain("   at ", text);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(1, await PrometheusText.SampleAsync(client, "mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"native\",outcome=\"error\"}") - errorsBefore);
    }

    [Fact]
    public async Task AmongConcurrentRequestsOnlyTheOnesThatMakeTheModelThrowFail()
    {
        var faults = new ModelFaults { FailBatchesOfRows = 2 };
        await using var factory = FaultyService.Create(models, faults);
        var client = await factory.ReadyClientAsync();
        var row = TrainedModels.HeartRow();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.PostJsonAsync("/predict", i % 4 == 0 ? $"[{row}, {row}]" : row)));

        for (var i = 0; i < responses.Length; i++)
            Assert.Equal(i % 4 == 0 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK, responses[i].StatusCode);
    }

    public static TheoryData<bool, string> Corruptions => new()
    {
        { true, "" },                 // garbage with its own sha256: passes the checksum, the runtime refuses it
        { false, "has sha256" },      // garbage under the old sha256: the checksum refuses it
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task ACorruptNewVersionIsRejectedWithItsReasonWhileTheOldOneKeepsServing(bool matchingChecksum, string reasonContains)
    {
        var root = Directory.CreateTempSubdirectory("mlservice-corrupt-").FullName;
        try
        {
            var store = new ModelStore(new FileBlobStore(Path.Combine(root, "store")));
            await store.PublishAsync(TrainedModels.HeartDisease, models.HeartResult.Directory);
            await store.SetAliasAsync(TrainedModels.HeartDisease, "production", 1);
            await store.PublishAsync(TrainedModels.Mixed, models.MixedResult.Directory);
            await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
            {
                ["MlService:Store:Root"] = Path.Combine(root, "store"),
                ["MlService:Store:CacheDirectory"] = Path.Combine(root, "cache"),
            });
            var client = await factory.ReadyClientAsync();

            var corrupt = CorruptCopy(models.HeartResult.Directory, Path.Combine(root, "corrupt"), matchingChecksum);
            var version = await store.PublishAsync(TrainedModels.HeartDisease, corrupt);
            await store.SetAliasAsync(TrainedModels.HeartDisease, "production", version);
            using var reload = await client.PostAsync("/models/heart-disease/reload", null);
            var outcome = await reload.ReadAsync();
            var details = await (await client.GetAsync("/models/heart-disease")).ReadAsync();
            using var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

            Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
            Assert.Equal("failed", (string?)outcome["outcome"]);
            Assert.Equal("1", (string?)details["version"]);
            Assert.Equal("ready_with_failed_update", (string?)details["status"]);
            Assert.Equal("2", (string?)details["last_error"]!["version"]);
            var reason = (string?)details["last_error"]!["message"];
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.Contains(reasonContains, reason);
            Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
            Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A copy of a model directory whose model.zip is garbage; MLmodel lists the garbage's sha256 or keeps the old one.</summary>
    private static string CorruptCopy(string source, string target, bool matchingChecksum)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var zip = Path.Combine(target, "model.zip");
        var oldSha = ModelDirectory.Sha256Of(zip);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(zip, garbage);
        if (matchingChecksum)
        {
            var mlmodel = Path.Combine(target, MlModelFile.FileName);
            File.WriteAllText(mlmodel, File.ReadAllText(mlmodel).Replace(oldSha, ModelDirectory.Sha256Of(zip)));
        }
        return target;
    }
}
