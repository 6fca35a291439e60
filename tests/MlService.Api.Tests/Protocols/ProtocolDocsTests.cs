namespace MlService.Api.Tests.Protocols;

/// <summary>The OpenAPI document describes every protocol's routes with request and response schemas, grouped by protocol tag.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ProtocolDocsTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models);
    private JsonNode _doc = null!;

    public async Task InitializeAsync() => _doc = await (await (await _factory.ReadyClientAsync()).GetAsync("/openapi.json")).ReadAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/invocations", "post", MlflowScoringApi.Tag)]
    [InlineData("/ping", "get", MlflowScoringApi.Tag)]
    [InlineData("/health", "get", MlflowScoringApi.Tag)]
    [InlineData("/version", "get", MlflowScoringApi.Tag)]
    [InlineData("/v2", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/health/live", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/health/ready", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/models/{name}", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/models/{name}/versions/{version}", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/models/{name}/ready", "get", OpenInferenceApi.Tag)]
    [InlineData("/v2/models/{name}/infer", "post", OpenInferenceApi.Tag)]
    [InlineData("/v2/models/{name}/versions/{version}/infer", "post", OpenInferenceApi.Tag)]
    [InlineData("/v1/models", "get", KServeV1Api.Tag)]
    [InlineData("/v1/models/{name}", "get", KServeV1Api.Tag)]
    [InlineData("/v1/models/{name}:predict", "post", KServeV1Api.Tag)]
    public void EveryProtocolRouteIsDocumentedUnderItsProtocolTag(string path, string method, string tag)
    {
        var operation = _doc["paths"]![path]?[method];

        Assert.True(operation is not null, $"{method} {path} is not in the document");
        Assert.Equal([tag], operation!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.NotNull(operation["responses"]!["200"]);
    }

    [Theory]
    [InlineData("/invocations", "MlflowScoringRequest", "MlflowPredictions")]
    [InlineData("/v2/models/{name}/infer", "V2InferenceRequest", "V2InferenceResponse")]
    [InlineData("/v1/models/{name}:predict", "V1PredictRequest", "V1PredictResponse")]
    public void PredictionRoutesHaveRequestAndResponseSchemas(string path, string request, string response)
    {
        var operation = _doc["paths"]![path]!["post"]!;

        Assert.EndsWith("/" + request, (string?)operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.EndsWith("/" + response, (string?)operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(_doc["components"]!["schemas"]![request]!["properties"]);
    }

    [Fact]
    public void SchemasUseTheWireNamesOfEachProtocol()
    {
        var schemas = _doc["components"]!["schemas"]!;

        Assert.Equal(["dataframe_records", "dataframe_split", "inputs", "instances", "params"], schemas["MlflowScoringRequest"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(["data", "datatype", "name", "parameters", "shape"], schemas["V2RequestInput"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(["error_code", "message"], schemas["MlflowError"]!["properties"]!.AsObject().Select(p => p.Key).Where(k => k is "error_code" or "message").Order());
    }

    [Fact]
    public void InvocationsHasTheDefaultModelsInputExampleAsDataframeSplit()
    {
        var example = _doc["paths"]!["/invocations"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;

        var columns = example["dataframe_split"]!["columns"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("age", columns);
        Assert.Equal(columns.Count, example["dataframe_split"]!["data"]![0]!.AsArray().Count);
    }

    [Fact]
    public void InvocationsDocumentsCsvBodiesAsText()
    {
        var content = _doc["paths"]!["/invocations"]!["post"]!["requestBody"]!["content"]!;

        Assert.Equal("string", (string?)content["text/csv"]!["schema"]!["type"]);
        Assert.Equal("string", (string?)content["application/csv"]!["schema"]!["type"]);
    }

    [Fact]
    public void EveryProtocolTagHasADescription()
    {
        var tags = _doc["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);

        Assert.All([MlflowScoringApi.Tag, OpenInferenceApi.Tag, KServeV1Api.Tag], tag => Assert.False(string.IsNullOrEmpty(tags[tag])));
    }
}
