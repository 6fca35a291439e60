namespace MlService.LoadTest.Bodies;

/// <summary>
/// Open Inference Protocol (KServe V2): <c>POST /v2/models/{name}/infer</c> with one input tensor per column,
/// shape [N, 1]. Integers go as INT64 and real numbers as FP64 so no value is narrowed on the wire.
/// </summary>
public sealed class V2BodyBuilder : IBodyBuilder
{
    public string RelativePath(string model) => $"v2/models/{Uri.EscapeDataString(model)}/infer";

    public byte[] Build(IReadOnlyList<FieldSpec> columns, IReadOnlyList<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            for (var c = 0; c < columns.Count; c++)
            {
                writer.WriteStartObject();
                writer.WriteString("name", columns[c].Name);
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(rows.Count);
                writer.WriteNumberValue(1);
                writer.WriteEndArray();
                writer.WriteString("datatype", Datatype(columns[c].Kind));
                writer.WriteStartArray("data");
                foreach (var row in rows) JsonCell.Write(writer, row[c]);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Datatype(DataKind kind) => kind switch
    {
        DataKind.Boolean => "BOOL",
        DataKind.Float16 or DataKind.Float32 or DataKind.Float64 => "FP64",
        DataKind.String or DataKind.Binary or DataKind.DateTime => "BYTES",
        _ => "INT64",
    };
}
