namespace MlService.Api.Codecs;

/// <summary>
/// Writes predictions as a list with one element per row, the way pandas-records and TF-Serving clients read them:
/// a row object keyed by output name when the model has several outputs, the bare value when it has one
/// (sklearn's <c>[1, 0, 2]</c>). Used by MLflow for column-based models and by KServe V1.
/// </summary>
public static class PredictionListWriter
{
    public static void Write(Utf8JsonWriter writer, Frame output)
    {
        if (output.Columns.Count == 1) WriteColumn(writer, output.Columns[0]);
        else FrameJsonWriter.WriteRows(writer, output);
    }

    /// <summary>One column as a list of per-row values (scalars, arrays, or objects keyed by slot name).</summary>
    public static void WriteColumn(Utf8JsonWriter writer, FrameColumn column)
    {
        writer.WriteStartArray();
        for (var row = 0; row < column.RowCount; row++) FrameJsonWriter.WriteCell(writer, column, row);
        writer.WriteEndArray();
    }
}
