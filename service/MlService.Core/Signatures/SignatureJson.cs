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
            var name = spec["name"]?.GetValue<string>() ?? (array.Count == 1 ? "input" : $"input_{i}");
            var type = spec["type"]?.GetValue<string>() ?? throw new FormatException($"signature entry '{name}' has no type");
            var required = spec["required"]?.GetValue<bool>() ?? true;
            if (type == "tensor")
            {
                var tensor = spec["tensor-spec"] as JsonObject ?? throw new FormatException($"tensor '{name}' has no tensor-spec");
                var dtype = tensor["dtype"]?.GetValue<string>() ?? throw new FormatException($"tensor '{name}' has no dtype");
                var kind = DataKinds.FromNumpyDType(dtype) ?? throw new FormatException($"tensor '{name}' has unsupported dtype '{dtype}'");
                var shape = (tensor["shape"] as JsonArray)?.Select(d => d!.GetValue<long>()).ToArray() ?? [-1];
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
