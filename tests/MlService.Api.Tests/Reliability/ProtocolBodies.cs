namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Valid heart-disease requests in each protocol's format (MLflow JSON and CSV, KServe V1, Open Inference V2),
/// the starting points the fuzzer mutates. Self-contained, so the fuzz test covers a protocol as soon as its
/// routes are served.
/// </summary>
public static class ProtocolBodies
{
    private static readonly JsonObject[] Rows =
    [
        JsonNode.Parse(TrainedModels.HeartRow(age: 41, chol: 180, oldpeak: 0))!.AsObject(),
        JsonNode.Parse(TrainedModels.HeartRow(age: 70, cp: 4, trestbps: 180, oldpeak: 4.5))!.AsObject(),
    ];

    private static string[] Columns => Rows[0].Select(p => p.Key).ToArray();

    private static JsonArray Records() => new(Rows.Select(r => (JsonNode)r.DeepClone()).ToArray());

    private static JsonArray Matrix() => new(Rows.Select(r => (JsonNode)new JsonArray(r.Select(p => p.Value!.DeepClone()).ToArray())).ToArray());

    private static JsonArray Column(string name) => new(Rows.Select(r => r[name]!.DeepClone()).ToArray());

    public static IReadOnlyList<string> MlflowJson() =>
    [
        new JsonObject { ["dataframe_records"] = Records() }.ToJsonString(),
        new JsonObject { ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray(Columns.Select(c => (JsonNode)c).ToArray()), ["data"] = Matrix() } }.ToJsonString(),
        new JsonObject { ["instances"] = Records() }.ToJsonString(),
        new JsonObject { ["inputs"] = new JsonObject(Columns.Select(c => KeyValuePair.Create(c, (JsonNode?)Column(c)))) }.ToJsonString(),
    ];

    /// <summary>CSV with a header, CRLF line ends, and ragged rows (one too long, one too short).</summary>
    public static IReadOnlyList<string> MlflowCsv()
    {
        var header = string.Join(",", Columns);
        var lines = Rows.Select(r => string.Join(",", r.Select(p => p.Value!.ToJsonString()))).ToList();
        return
        [
            $"{header}\n{string.Join("\n", lines)}\n",
            $"{header}\r\n{string.Join("\r\n", lines)}\r\n",
            $"{header}\n{lines[0]},5\n63\n",
        ];
    }

    public static IReadOnlyList<string> KServeV1() =>
    [
        new JsonObject { ["instances"] = Records() }.ToJsonString(),
        new JsonObject { ["instances"] = Matrix() }.ToJsonString(),
    ];

    /// <summary>One V2 tensor per column; every heart column is INT64 except oldpeak (FP64), as the model's metadata says.</summary>
    public static IReadOnlyList<string> OpenInferenceV2() =>
    [
        new JsonObject
        {
            ["id"] = "fuzz",
            ["inputs"] = new JsonArray(Columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c,
                ["shape"] = new JsonArray(Rows.Length),
                ["datatype"] = c == "oldpeak" ? "FP64" : "INT64",
                ["data"] = Column(c),
            }).ToArray()),
        }.ToJsonString(),
    ];
}
