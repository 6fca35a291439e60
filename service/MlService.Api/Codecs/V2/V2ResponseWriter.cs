namespace MlService.Api.Codecs.V2;

/// <summary>
/// Writes <c>$inference_response</c>: model name and version, the request's id, and each output as
/// <c>{name, datatype, shape: [N, ...], data}</c> with flat row-major data: the shape is the tensor's own ([N, 1] stays
/// [N, 1]). Strings, binary (base64) and date-times are BYTES. An output asked with <c>classification</c> is written by
/// <see cref="V2Classification"/>.
/// </summary>
public static class V2ResponseWriter
{
    public static void Write(Utf8JsonWriter writer, LoadedVersion version, string id, Frame output, IReadOnlyList<V2RequestedOutput>? requested)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", version.Name);
        writer.WriteString("model_version", version.Version);
        writer.WriteString("id", id);
        writer.WriteStartArray("outputs");
        if (requested is null)
        {
            for (var c = 0; c < output.Columns.Count; c++) WriteTensor(writer, output.Columns[c]);
        }
        else
        {
            foreach (var asked in requested)
            {
                if (output.Find(asked.Name) is not { } column) continue;
                if (asked.Classification > 0) V2Classification.Write(writer, column, asked.Classification);
                else WriteTensor(writer, column);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>An output's V2 shape: [N], [N, width] or [N, ...] as the model returned it (shared by the REST and gRPC writers).</summary>
    public static long[] TensorShape(FrameColumn column) =>
        column.Shape is { } shape ? [column.RowCount, .. shape]
        : column.Width > 1 ? [column.RowCount, column.Width]
        : [column.RowCount];

    private static void WriteTensor(Utf8JsonWriter writer, FrameColumn column)
    {
        writer.WriteStartObject();
        writer.WriteString("name", column.Name);
        writer.WriteString("datatype", V2DatatypeNames.ToV2Datatype(column.Kind));
        writer.WriteStartArray("shape");
        foreach (var d in TensorShape(column)) writer.WriteNumberValue(d);
        writer.WriteEndArray();
        writer.WriteStartArray("data");
        for (var i = 0; i < column.Values.Length; i++) FrameJsonWriter.WriteElement(writer, column.Kind, column.Values, i);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
