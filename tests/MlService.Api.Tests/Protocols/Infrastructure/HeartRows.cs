namespace MlService.Api.Tests.Protocols.Infrastructure;

/// <summary>Three heart-disease rows written in each protocol's request format, so the same rows go through every protocol.</summary>
public static class HeartRows
{
    public static readonly JsonObject[] Rows =
    [
        JsonNode.Parse(TrainedModels.HeartRow(age: 41, chol: 180, oldpeak: 0))!.AsObject(),
        JsonNode.Parse(TrainedModels.HeartRow(age: 58, chol: 300))!.AsObject(),
        JsonNode.Parse(TrainedModels.HeartRow(age: 70, cp: 4, trestbps: 180, oldpeak: 4.5))!.AsObject(),
    ];

    public static string[] Columns => Rows[0].Select(p => p.Key).ToArray();

    public static string Records() => new JsonArray(Rows.Select(r => (JsonNode)r.DeepClone()).ToArray()).ToJsonString();

    public static JsonArray Matrix() => new(Rows.Select(r => (JsonNode)new JsonArray(r.Select(p => p.Value!.DeepClone()).ToArray())).ToArray());

    /// <param name="index">Adds pandas' <c>index</c>.</param>
    /// <param name="dataFirst">Puts <c>data</c> before <c>columns</c> (JSON objects are unordered; pandas writes columns first).</param>
    /// <param name="withColumns">Leaves <c>columns</c> out: values by signature order.</param>
    public static string DataframeSplit(bool index = false, bool dataFirst = false, bool withColumns = true)
    {
        var split = new JsonObject();
        if (dataFirst) split["data"] = Matrix();
        if (withColumns) split["columns"] = new JsonArray(Columns.Select(c => (JsonNode)c).ToArray());
        if (!dataFirst) split["data"] = Matrix();
        if (index) split["index"] = new JsonArray(0, 1, 2);
        return new JsonObject { ["dataframe_split"] = split }.ToJsonString();
    }

    public static string DataframeRecords() => $"{{\"dataframe_records\": {Records()}}}";

    public static string InstancesAsObjects() => $"{{\"instances\": {Records()}}}";

    public static string InstancesAsArrays() => new JsonObject { ["instances"] = Matrix() }.ToJsonString();

    public static string InputsAsColumns() => new JsonObject
    {
        ["inputs"] = new JsonObject(Columns.Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonArray(Rows.Select(r => r[c]!.DeepClone()).ToArray())))),
    }.ToJsonString();

    public static string InputsAsRows() => new JsonObject { ["inputs"] = Matrix() }.ToJsonString();

    public static string Csv(string newline = "\n")
    {
        var text = new StringBuilder(string.Join(",", Columns)).Append(newline);
        foreach (var row in Rows) text.Append(string.Join(",", row.Select(p => p.Value!.ToJsonString()))).Append(newline);
        return text.ToString();
    }

    /// <summary>A V2 request with one tensor per column, datatypes taken from the model's V2 metadata as a client would.</summary>
    public static string V2Request(JsonNode metadata, string? id = "42", bool nested = false)
    {
        var inputs = new JsonArray();
        foreach (var input in metadata["inputs"]!.AsArray())
        {
            var name = (string)input!["name"]!;
            var values = Rows.Select(r => nested ? new JsonArray(r[name]!.DeepClone()) : r[name]!.DeepClone()).ToArray();
            inputs.Add(new JsonObject
            {
                ["name"] = name,
                ["shape"] = nested ? new JsonArray(Rows.Length, 1) : new JsonArray(Rows.Length),
                ["datatype"] = (string)input["datatype"]!,
                ["data"] = new JsonArray(values),
            });
        }
        var request = new JsonObject { ["inputs"] = inputs };
        if (id is not null) request["id"] = id;
        return request.ToJsonString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
