using System.Text.Json.Nodes;

namespace MlService.Core.Models;

/// <summary>
/// The model's saved input example as rows (JSON objects keyed by column name). MLflow writes the pandas
/// "split" orient (<c>{"columns": [...], "data": [[...]]}</c>); "records" (a list of objects) is read too.
/// </summary>
public static class InputExample
{
    public const string FileName = "input_example.json";

    public static JsonArray? Load(ModelDirectory directory)
    {
        var relative = directory.MlModel.InputExamplePath;
        if (relative is null) return null;
        var path = directory.Resolve(relative);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
    }

    public static JsonArray? Parse(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is JsonObject split && split["columns"] is JsonArray columns && split["data"] is JsonArray data)
        {
            var rows = new JsonArray();
            foreach (var rowNode in data)
            {
                if (rowNode is not JsonArray values) continue;
                var row = new JsonObject();
                for (var i = 0; i < columns.Count && i < values.Count; i++)
                    row[columns[i]!.ToString()] = values[i]?.DeepClone();
                rows.Add(row);
            }
            return rows;
        }
        if (node is JsonObject dataframeSplit && dataframeSplit["dataframe_split"] is JsonObject inner)
            return Parse(inner.ToJsonString());
        if (node is JsonArray records) return records;
        if (node is JsonObject single) return [single.DeepClone()];
        return null;
    }

    /// <summary>Writes rows in the split orient MLflow uses.</summary>
    public static string ToSplitJson(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<JsonNode?>> rows)
    {
        var data = new JsonArray();
        foreach (var row in rows) data.Add(new JsonArray(row.Select(v => v?.DeepClone()).ToArray()));
        return new JsonObject
        {
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["data"] = data,
        }.ToJsonString();
    }
}
