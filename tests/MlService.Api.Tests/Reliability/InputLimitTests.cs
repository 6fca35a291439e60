namespace MlService.Api.Tests.Reliability;

/// <summary>The core limits on JSON depth (64) and string length (MlService:Inference:MaxStringLength), seen through HTTP.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class InputLimitTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models, new Dictionary<string, string?> { ["MlService:Inference:MaxStringLength"] = "100" });
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>A heart-disease row whose <c>age</c> is an array nested so the whole document is <paramref name="depth"/> deep.</summary>
    private static string RowOfDepth(int depth) =>
        TrainedModels.HeartRow().Replace("\"age\": 63", $"\"age\": {new string('[', depth - 1)}1{new string(']', depth - 1)}");

    [Fact]
    public async Task JsonUpToDepth64IsReadAndDeeperIsA400()
    {
        using var atLimit = await _client.PostJsonAsync("/predict", RowOfDepth(64));
        using var over = await _client.PostJsonAsync("/predict", RowOfDepth(65));
        using var farOver = await _client.PostJsonAsync("/predict", RowOfDepth(100_000));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, atLimit.StatusCode); // parsed; an array is not an integer
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("depth", (string?)(await over.ReadAsync())["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, farOver.StatusCode);
    }

    [Fact]
    public async Task AStringLongerThanMaxStringLengthIsA422NamingTheField()
    {
        static string Mixed(string colour) => $$"""{"colour": "{{colour}}", "organic": true, "weight": 10, "ratio": 0.5}""";

        using var atLimit = await _client.PostJsonAsync("/models/mixed/predict", Mixed(new string('r', 100)));
        using var over = await _client.PostJsonAsync("/models/mixed/predict", Mixed(new string('r', 101)));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var errors = (await over.ReadAsync())["errors"]!.AsObject();
        Assert.Contains("longer than 100", (string?)errors["colour"]![0]);
    }
}
