using MlService.Api.Tests.Grpc;

namespace MlService.Api.Tests.Protocols;

/// <summary>One inference path: the same rows through every protocol and request format give the same numbers and headers.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class SameRowsAcrossProtocolsTests(TrainedModels models) : TrainedModelsServiceTests(models)
{
    public static TheoryData<string> Protocols =>
    [
        "native", "mlflow dataframe_split", "mlflow dataframe_records", "mlflow instances", "mlflow inputs", "mlflow csv", "v2", "v2 versioned", "v1", "grpc typed", "grpc raw",
    ];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task TheSameRowsGiveTheSamePredictionsThroughEveryProtocol(string protocol)
    {
        var expected = await PredictAsync("native");

        var actual = await PredictAsync(protocol);

        Assert.Equal(expected.Probabilities, actual.Probabilities);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(3, actual.Probabilities.Length);
        Assert.Contains(actual.Labels, l => l);
        Assert.Contains(actual.Labels, l => !l);
    }

    private async Task<(double[] Probabilities, bool[] Labels)> PredictAsync(string protocol)
    {
        if (protocol.StartsWith("grpc", StringComparison.Ordinal)) return await PredictGrpcAsync(raw: protocol == "grpc raw");
        var response = protocol switch
        {
            "native" => await Client.PostJsonAsync("/predict", HeartRows.Records()),
            "mlflow dataframe_split" => await Client.PostJsonAsync("/invocations", HeartRows.DataframeSplit()),
            "mlflow dataframe_records" => await Client.PostJsonAsync("/invocations", HeartRows.DataframeRecords()),
            "mlflow instances" => await Client.PostJsonAsync("/invocations", HeartRows.InstancesAsArrays()),
            "mlflow inputs" => await Client.PostJsonAsync("/invocations", HeartRows.InputsAsColumns()),
            "mlflow csv" => await Client.PostJsonAsync("/invocations", HeartRows.Csv(), "text/csv"),
            "v2" => await Client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(await MetadataAsync())),
            "v2 versioned" => await Client.PostJsonAsync("/v2/models/heart-disease/versions/1/infer", HeartRows.V2Request(await MetadataAsync(), nested: true)),
            "v1" => await Client.PostJsonAsync("/v1/models/heart-disease:predict", HeartRows.InstancesAsObjects()),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
        };
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{protocol}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("heart-disease", response.Headers.GetValues("X-Model-Name").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Model-Version").Single());
        Assert.Single(response.Headers.GetValues("X-Request-Id"));
        var body = await response.ReadAsync();
        if (protocol.StartsWith("v2", StringComparison.Ordinal))
        {
            var outputs = body["outputs"]!.AsArray().ToDictionary(o => (string)o!["name"]!, o => o!["data"]!.AsArray());
            return (outputs["Probability"].Select(v => v!.GetValue<double>()).ToArray(), outputs["PredictedLabel"].Select(v => v!.GetValue<bool>()).ToArray());
        }
        var rows = body["predictions"]!.AsArray();
        return (rows.Select(r => r!["Probability"]!.GetValue<double>()).ToArray(), rows.Select(r => r!["PredictedLabel"]!.GetValue<bool>()).ToArray());
    }

    /// <summary>The same rows as gRPC ModelInfer tensors (typed contents or raw bytes), through a generated client.</summary>
    private async Task<(double[] Probabilities, bool[] Labels)> PredictGrpcAsync(bool raw)
    {
        using var grpc = new GrpcClients(Factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var call = grpc.Inference.ModelInferAsync(HeartTensors.Request(metadata, raw));
        var response = await call;
        var headers = await call.ResponseHeadersAsync;
        Assert.Equal("heart-disease", headers.GetValue("x-model-name"));
        Assert.Equal("1", headers.GetValue("x-model-version"));
        Assert.NotNull(headers.GetValue("x-request-id"));
        return (HeartTensors.Numbers(response, "Probability"), HeartTensors.Numbers(response, "PredictedLabel").Select(v => v != 0).ToArray());
    }

    private async Task<JsonNode> MetadataAsync() => await (await Client.GetAsync("/v2/models/heart-disease")).ReadAsync();
}
