using System.Text.Json;
using MlService.Core.Frames;

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
            WriteElement(writer, column.Values, row);
            return;
        }
        var start = row * column.Width;
        if (column.SlotNames is { } slots && slots.Count == column.Width)
        {
            writer.WriteStartObject();
            for (var i = 0; i < column.Width; i++)
            {
                writer.WritePropertyName(slots[i]);
                WriteElement(writer, column.Values, start + i);
            }
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartArray();
        for (var i = 0; i < column.Width; i++) WriteElement(writer, column.Values, start + i);
        writer.WriteEndArray();
    }

    public static void WriteElement(Utf8JsonWriter writer, Array values, int index)
    {
        switch (values)
        {
            case float[] f: WriteNumber(writer, f[index]); break;
            case double[] d: WriteNumber(writer, d[index]); break;
            case bool[] b: writer.WriteBooleanValue(b[index]); break;
            case long[] l: writer.WriteNumberValue(l[index]); break;
            case int[] i: writer.WriteNumberValue(i[index]); break;
            case string?[] s: if (s[index] is { } text) writer.WriteStringValue(text); else writer.WriteNullValue(); break;
            case uint[] u: writer.WriteNumberValue(u[index]); break;
            case ulong[] ul: writer.WriteNumberValue(ul[index]); break;
            case short[] sh: writer.WriteNumberValue(sh[index]); break;
            case ushort[] us: writer.WriteNumberValue(us[index]); break;
            case sbyte[] sb: writer.WriteNumberValue(sb[index]); break;
            case byte[] by: writer.WriteNumberValue(by[index]); break;
            case Half[] h: WriteNumber(writer, (float)h[index]); break;
            case byte[][] bin: writer.WriteBase64StringValue(bin[index] ?? []); break;
            case DateTime[] dt: writer.WriteStringValue(dt[index]); break;
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
