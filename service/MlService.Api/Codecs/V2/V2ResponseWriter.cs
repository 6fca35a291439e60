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
    // Property names encoded once (the writer otherwise transcodes and escape-checks each name on every response).
    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model_name");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("model_version");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Outputs = JsonEncodedText.Encode("outputs");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Datatype = JsonEncodedText.Encode("datatype");
    private static readonly JsonEncodedText Shape = JsonEncodedText.Encode("shape");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");

    public static void Write(Utf8JsonWriter writer, LoadedVersion version, string id, Frame output, IReadOnlyList<string>? requested)
    {
        writer.WriteStartObject();
        writer.WriteString(ModelName, version.Name);
        writer.WriteString(ModelVersion, version.Version);
        writer.WriteString(Id, id);
        writer.WriteStartArray(Outputs);
        foreach (var column in requested is null ? output.Columns : requested.Select(output.Find).OfType<FrameColumn>())
        {
            writer.WriteStartObject();
            writer.WriteString(Name, column.Name);
            writer.WriteString(Datatype, DataKinds.ToV2Datatype(column.Kind));
            writer.WriteStartArray(Shape);
            writer.WriteNumberValue(column.RowCount);
            if (column.Shape is { } shape) foreach (var d in shape) writer.WriteNumberValue(d);
            else if (column.Width > 1) writer.WriteNumberValue(column.Width);
            writer.WriteEndArray();
            writer.WriteStartArray(Data);
            for (var i = 0; i < column.Values.Length; i++) FrameJsonWriter.WriteElement(writer, column.Kind, column.Values, i);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
