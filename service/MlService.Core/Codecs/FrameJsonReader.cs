using System.Text.Json;
using MlService.Core.Validation;

namespace MlService.Core.Codecs;

/// <summary>The JSON half of <see cref="FrameBuilder"/>: reads the JSON value at a reader into a row of the frame.</summary>
public static class FrameJsonReader
{
    /// <summary>Reads the JSON value at the reader (a scalar, or an array for a tensor field) into row <paramref name="row"/>.</summary>
    public static void Read(this FrameBuilder builder, int row, int field, ref Utf8JsonReader reader)
    {
        builder.MarkPresent(row, field);
        var spec = builder.Fields[field];
        var values = builder.RawValues(field);
        var width = spec.RowWidth;
        if (width == 1 && !spec.IsTensor)
        {
            JsonCellReader.ReadScalar(ref reader, spec, values, row, builder, row, field);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            if (width == 1)
            {
                JsonCellReader.ReadScalar(ref reader, spec, values, row, builder, row, field);
                return;
            }
            builder.Error(row, field, $"must be an array of {width} values (tensor shape {FormatShape(spec.Shape)})");
            reader.Skip();
            return;
        }
        var index = row * width;
        var end = index + width;
        var depth = reader.CurrentDepth;
        var count = 0;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray) continue; // nested rows are flattened
            if (index < end) JsonCellReader.ReadScalar(ref reader, spec, values, index++, builder, row, field);
            else if (reader.TokenType == JsonTokenType.StartObject) reader.Skip();
            count++;
        }
        if (count != width) builder.Error(row, field, $"has {count} values; the tensor needs {width} per row (shape {FormatShape(spec.Shape)})");
    }

    private static string FormatShape(IReadOnlyList<long>? shape) => shape is null ? "[]" : $"[{string.Join(", ", shape)}]";
}
