namespace MlService.LoadTest.Bodies;

/// <summary>Native protocol: <c>POST /models/{name}/predict</c> with one row object, or an array of them for a batch.</summary>
public sealed class NativeBodyBuilder : IBodyBuilder
{
    public string RelativePath(string model) => $"models/{Uri.EscapeDataString(model)}/predict";

    public byte[] Build(IReadOnlyList<FieldSpec> columns, IReadOnlyList<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (rows.Count == 1) WriteRow(writer, columns, rows[0]);
            else
            {
                writer.WriteStartArray();
                foreach (var row in rows) WriteRow(writer, columns, row);
                writer.WriteEndArray();
            }
        }
        return buffer.ToArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, IReadOnlyList<FieldSpec> columns, object?[] row)
    {
        writer.WriteStartObject();
        for (var c = 0; c < columns.Count; c++)
        {
            writer.WritePropertyName(columns[c].Name);
            JsonCell.Write(writer, row[c]);
        }
        writer.WriteEndObject();
    }
}
