using System.Text.Json;
using MlService.Core.Frames;
using MlService.Core.Registry;
using MlService.Core.Signatures;

namespace MlService.Api.Codecs.V2;

/// <summary>
/// Writes <c>$inference_response</c>: model name and version, the request's id, and each output as
/// <c>{name, datatype, shape: [N, ...], data}</c> with flat row-major data. Strings, binary (base64) and date-times are BYTES.
/// </summary>
public static class V2ResponseWriter
{
    public static void Write(Utf8JsonWriter writer, LoadedVersion version, string id, Frame output, IReadOnlyList<string>? requested)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", version.Name);
        writer.WriteString("model_version", version.Version);
        writer.WriteString("id", id);
        writer.WriteStartArray("outputs");
        foreach (var column in requested is null ? output.Columns : requested.Select(output.Find).OfType<FrameColumn>())
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("datatype", DataKinds.ToV2Datatype(column.Kind));
            writer.WriteStartArray("shape");
            writer.WriteNumberValue(column.RowCount);
            if (column.Shape is { } shape) foreach (var d in shape) writer.WriteNumberValue(d);
            else if (column.Width > 1) writer.WriteNumberValue(column.Width);
            writer.WriteEndArray();
            writer.WriteStartArray("data");
            for (var i = 0; i < column.Values.Length; i++) FrameJsonWriter.WriteElement(writer, column.Kind, column.Values, i);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
