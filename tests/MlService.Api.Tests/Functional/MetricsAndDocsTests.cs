namespace MlService.Api.Tests.Functional;

[Collection(TrainedModelsCollection.Name)]
public sealed class MetricsAndDocsTests(TrainedModels models) : TrainedModelsServiceTests(models)
{
    [Fact]
    public async Task MetricsCountPredictionsRowsAndModelInfo()
    {
        await Client.PostJsonAsync("/predict", $"[{TrainedModels.HeartRow()},{TrainedModels.HeartRow()}]");

        var text = await Client.GetStringAsync("/metrics");

        Assert.Contains("mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"native\",outcome=\"ok\"}", text);
        Assert.Contains("mlservice_prediction_rows_total{model=\"heart-disease\",version=\"1\",protocol=\"native\"}", text);
        Assert.Contains("mlservice_inference_duration_seconds_bucket{model=\"heart-disease\",protocol=\"native\"", text);
        Assert.Contains("mlservice_model_info{model=\"heart-disease\",version=\"1\",flavor=\"mlnet\"} 1", text);
        Assert.Contains("mlservice_models_ready ", text);
        Assert.Contains("http_request_duration_seconds_count{code=\"200\",method=\"POST\"", text);
    }

    [Fact]
    public async Task HttpDurationsAreRecordedByRoutePatternFinalStatusAndBoundedMethod()
    {
        await Client.PostJsonAsync("/models/heart-disease/predict", TrainedModels.HeartRow());
        await Client.PostJsonAsync("/models/heart-disease/predict", "{\"age\": \"x\"}");
        await Client.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), "/predict"));
        await Client.GetStringAsync("/metrics");

        var text = await Client.GetStringAsync("/metrics");

        Assert.Contains("http_request_duration_seconds_count{code=\"200\",method=\"POST\",endpoint=\"/models/{name}/predict\"} ", text);
        Assert.Contains("http_request_duration_seconds_count{code=\"422\",method=\"POST\",endpoint=\"/models/{name}/predict\"} ", text);
        Assert.Contains("method=\"OTHER\"", text);
        Assert.DoesNotContain("BREW", text);
        Assert.DoesNotContain("endpoint=\"/metrics\"", text);
    }

    [Fact]
    public async Task RejectedRequestsAreCountedByStatus()
    {
        await Client.PostJsonAsync("/predict", "{\"age\": \"x\"}");

        var text = await Client.GetStringAsync("/metrics");

        Assert.Contains("mlservice_rejected_requests_total{status=\"422\"}", text);
    }

    [Fact]
    public async Task TheOpenApiDocumentHasThePredictOperationWithTheModelsRealFields()
    {
        var doc = await (await Client.GetAsync("/openapi.json")).ReadAsync();

        var operation = doc["paths"]!["/models/heart-disease/predict"]!["post"]!;
        Assert.NotNull(operation["requestBody"]!["content"]!["application/json"]!["example"]);
        var input = doc["components"]!["schemas"]!["heart-disease.Input"]!;
        Assert.Equal("integer", (string?)input["properties"]!["age"]!["type"]);
        Assert.Equal("number", (string?)input["properties"]!["oldpeak"]!["type"]);
        Assert.Contains(input["required"]!.AsArray(), r => (string?)r == "thal");
        Assert.Equal("boolean", (string?)doc["components"]!["schemas"]!["heart-disease.Output"]!["properties"]!["PredictedLabel"]!["type"]);
        Assert.NotNull(doc["paths"]!["/predict"]!["post"]!["requestBody"]);
        Assert.NotNull(doc["paths"]!["/health/ready"]);
    }

    [Fact]
    public async Task TheDocsListNativePredictionAndModelsFirstThenMlflowV2V1AndProbesLast()
    {
        string[] newcomerOrder = ["Native prediction", "Models", "MLflow scoring", "Open Inference Protocol (V2)", "KServe V1", "Probes", "Metrics"];

        var doc = await (await Client.GetAsync("/openapi.json")).ReadAsync();

        // Swagger UI and ReDoc show the groups in the order of the document's tags list.
        Assert.Equal(newcomerOrder, doc["tags"]!.AsArray().Select(t => (string?)t!["name"]).ToArray());
        // Paths come in the same order, each group in one block: the first tag of each path, repeats collapsed.
        var pathTags = doc["paths"]!.AsObject()
            .Select(p => p.Value!.AsObject().Select(o => (string?)o.Value!["tags"]?[0]).First(t => t is not null))
            .ToList();
        var blocks = pathTags.Where((tag, i) => i == 0 || tag != pathTags[i - 1]).ToArray();
        Assert.Equal(newcomerOrder, blocks);
        Assert.Equal("/predict", doc["paths"]!.AsObject().First().Key);
    }

    [Theory]
    [InlineData("/docs/index.html", "swagger")]
    [InlineData("/redoc/index.html", "redoc")]
    public async Task DocumentationPagesAreServed(string path, string marker)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(marker, (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
    }
}
