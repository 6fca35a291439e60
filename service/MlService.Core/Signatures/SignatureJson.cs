using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlService.Core.Signatures;

/// <summary>
/// Reads and writes the JSON strings MLflow stores under <c>signature.inputs</c> / <c>signature.outputs</c>:
/// column specs <c>{"name","type","required"}</c> and tensor specs <c>{"name","type":"tensor","tensor-spec":{dtype,shape}}</c>.
/// </summary>
public static class SignatureJson
{
    public static IReadOnlyList<FieldSpec> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Trim() == "null") return [];
        var array = JsonNode.Parse(json) as JsonArray
            ?? throw new FormatException("signature must be a JSON array of column or tensor specs");
        var fields = new List<FieldSpec>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject spec) throw new FormatException($"signature entry {i} is not an object");
            var name = Text(spec["name"], $"signature entry {i}", "name") ?? (array.Count == 1 ? "input" : $"input_{i}");
            var type = Text(spec["type"], $"signature entry '{name}'", "type") ?? throw new FormatException($"signature entry '{name}' has no type");
            var required = spec["required"] is JsonValue r && r.TryGetValue<bool>(out var flag) ? flag : true;
            if (type == "tensor")
            {
                var tensor = spec["tensor-spec"] as JsonObject ?? throw new FormatException($"tensor '{name}' has no tensor-spec");
                var dtype = Text(tensor["dtype"], $"tensor '{name}'", "dtype") ?? throw new FormatException($"tensor '{name}' has no dtype");
                var kind = DataKinds.FromNumpyDType(dtype) ?? throw new FormatException($"tensor '{name}' has unsupported dtype '{dtype}'");
                var shape = (tensor["shape"] as JsonArray)?.Select(d => Dimension(d, name)).ToArray() ?? [-1];
                fields.Add(new FieldSpec(name, kind, required, shape));
            }
            else
            {
                var kind = DataKinds.FromMlflowColumnType(type) ?? throw new FormatException($"column '{name}' has unsupported type '{type}'");
                fields.Add(new FieldSpec(name, kind, required));
            }
        }
        return fields;
    }

    /// <summary>
    /// A name or type as text. pandas and LightGBM write unnamed columns as numbers (<c>{"name": 0}</c>), and MLflow
    /// keeps them so: a number is read as its JSON text ("0"), the name a request uses for that column.
    /// </summary>
    private static string? Text(JsonNode? node, string owner, string key) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => throw new FormatException($"{owner} has a {key} that is a JSON {node.GetValueKind().ToString().ToLowerInvariant()}, not a string or number"),
    };

    private static long Dimension(JsonNode? node, string name) =>
        node is JsonValue value && value.TryGetValue<long>(out var d) ? d
        : node is JsonValue v && v.TryGetValue<double>(out var f) && f == Math.Floor(f) ? (long)f
        : throw new FormatException($"tensor '{name}' has a shape entry that is not an integer: {node?.ToJsonString() ?? "null"}");

    public static string Write(IReadOnlyList<FieldSpec> fields)
    {
        var array = new JsonArray();
        foreach (var field in fields)
        {
            if (field.IsTensor)
            {
                array.Add(new JsonObject
                {
                    ["name"] = field.Name,
                    ["type"] = "tensor",
                    ["tensor-spec"] = new JsonObject
                    {
                        ["dtype"] = DataKinds.ToNumpyDType(field.Kind),
                        ["shape"] = new JsonArray(field.Shape!.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                    },
                });
            }
            else
            {
                array.Add(new JsonObject
                {
                    ["type"] = DataKinds.ToMlflowColumnType(field.Kind),
                    ["name"] = field.Name,
                    ["required"] = field.Required,
                });
            }
        }
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
