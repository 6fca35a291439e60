namespace MlService.LoadTest.Bodies;

/// <summary>MLflow scoring protocol: <c>POST /invocations</c> with <c>{"dataframe_split":{"columns":[...],"data":[[...]]}}</c>.</summary>
public sealed class MlflowBodyBuilder : IBodyBuilder
{
    public string RelativePath(string model) => "invocations";

    public byte[] Build(IReadOnlyList<FieldSpec> columns, IReadOnlyList<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("dataframe_split");
            writer.WriteStartArray("columns");
            foreach (var column in columns) writer.WriteStringValue(column.Name);
            writer.WriteEndArray();
            writer.WriteStartArray("data");
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var value in row) JsonCell.Write(writer, value);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
