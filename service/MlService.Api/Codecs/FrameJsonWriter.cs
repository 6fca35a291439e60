namespace MlService.Api.Codecs;

/// <summary>
/// Writes frame rows as JSON objects keyed by column name. A vector column with slot names (e.g. class
/// probabilities) becomes an object keyed by slot; one without becomes an array. NaN/infinity become null.
/// </summary>
public static class FrameJsonWriter
{
    public static void WriteRow(Utf8JsonWriter writer, Frame frame, int row)
    {
        writer.WriteStartObject();
        foreach (var column in frame.Columns)
        {
            writer.WritePropertyName(column.Name);
            WriteCell(writer, column, row);
        }
        writer.WriteEndObject();
    }

    public static void WriteRows(Utf8JsonWriter writer, Frame frame)
    {
        writer.WriteStartArray();
        for (var row = 0; row < frame.RowCount; row++) WriteRow(writer, frame, row);
        writer.WriteEndArray();
    }

    /// <summary>The value of one column at one row: a scalar, an array, or an object keyed by slot name.</summary>
    public static void WriteCell(Utf8JsonWriter writer, FrameColumn column, int row)
    {
        if (column.Width == 1)
        {
            WriteElement(writer, column.Kind, column.Values, row);
            return;
        }
        var start = row * column.Width;
        if (column.SlotNames is { } slots && slots.Count == column.Width)
        {
            writer.WriteStartObject();
            for (var i = 0; i < column.Width; i++)
            {
                writer.WritePropertyName(slots[i]);
                WriteElement(writer, column.Kind, column.Values, start + i);
            }
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartArray();
        for (var i = 0; i < column.Width; i++) WriteElement(writer, column.Kind, column.Values, start + i);
        writer.WriteEndArray();
    }

    /// <summary>Writes one element; dispatches on the column's kind (an int[] also passes "is uint[]" in the CLR).</summary>
    public static void WriteElement(Utf8JsonWriter writer, DataKind kind, Array values, int index)
    {
        switch (kind)
        {
            case DataKind.Float32: WriteNumber(writer, ((float[])values)[index]); break;
            case DataKind.Float64: WriteNumber(writer, ((double[])values)[index]); break;
            case DataKind.Boolean: writer.WriteBooleanValue(((bool[])values)[index]); break;
            case DataKind.Int64: writer.WriteNumberValue(((long[])values)[index]); break;
            case DataKind.Int32: writer.WriteNumberValue(((int[])values)[index]); break;
            case DataKind.String:
                if (((string?[])values)[index] is { } text) writer.WriteStringValue(text); else writer.WriteNullValue();
                break;
            case DataKind.UInt32: writer.WriteNumberValue(((uint[])values)[index]); break;
            case DataKind.UInt64: writer.WriteNumberValue(((ulong[])values)[index]); break;
            case DataKind.Int16: writer.WriteNumberValue(((short[])values)[index]); break;
            case DataKind.UInt16: writer.WriteNumberValue(((ushort[])values)[index]); break;
            case DataKind.Int8: writer.WriteNumberValue(((sbyte[])values)[index]); break;
            case DataKind.UInt8: writer.WriteNumberValue(((byte[])values)[index]); break;
            case DataKind.Float16: WriteNumber(writer, (float)((Half[])values)[index]); break;
            case DataKind.Binary: writer.WriteBase64StringValue(((byte[][])values)[index] ?? []); break;
            case DataKind.DateTime: writer.WriteStringValue(((DateTime[])values)[index]); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
    }
}
