using System.Text.Json;
using MlService.Core.Errors;
using MlService.Core.Frames;
using MlService.Core.Signatures;

namespace MlService.Core.Validation;

/// <summary>
/// Reads rows given as JSON objects keyed by column name — one object, or an array of objects — into a
/// frame for the model's inputs. Used by the native protocol, MLflow's <c>dataframe_records</c> and
/// <c>instances</c>, and model warm-up.
/// </summary>
public static class JsonRowsReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads a whole body: an object (single row) or an array of objects.</summary>
    public static (Frame Frame, bool Single) Read(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read()) throw new MalformedRequestException("the request body is empty; send a JSON object (one row) or an array of objects");
            var single = reader.TokenType == JsonTokenType.StartObject;
            // Prove the whole body is one well-formed JSON value first: malformed JSON is a 400, never a partial 422.
            var probe = reader;
            probe.Skip();
            if (probe.Read()) throw new MalformedRequestException("unexpected data after the JSON value");
            var frame = reader.TokenType switch
            {
                JsonTokenType.StartObject => ReadSingle(ref reader, fields, options),
                JsonTokenType.StartArray => ReadArray(ref reader, fields, options, maxRows, "", FrameBuilder.BatchPath),
                _ => throw new MalformedRequestException("the request body must be a JSON object (one row) or an array of objects"),
            };
            if (reader.Read()) throw new MalformedRequestException("unexpected data after the JSON value");
            return (frame, single);
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {Trim(e.Message)}", inner: e);
        }
    }

    /// <summary>Reads an array of row objects at the reader's current StartArray (e.g. inside a wrapper object).</summary>
    public static Frame ReadArray(ref Utf8JsonReader reader, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows,
        string pathPrefix, Func<int, string, string> path)
    {
        var rows = CountElements(reader);
        if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");
        var builder = new FrameBuilder(fields, rows, options, pathPrefix.Length == 0 ? path : (r, f) => pathPrefix + path(r, f));
        var row = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, builder, row);
            else
            {
                builder.Errors.Add($"{pathPrefix}[{row}]", "must be a JSON object of column values");
                reader.Skip();
                for (var f = 0; f < fields.Count; f++) builder.MarkPresent(row, f);
            }
            row++;
        }
        return builder.Build();
    }

    private static Frame ReadSingle(ref Utf8JsonReader reader, IReadOnlyList<FieldSpec> fields, ValidationOptions options)
    {
        var builder = new FrameBuilder(fields, 1, options, FrameBuilder.SinglePath);
        ReadObject(ref reader, builder, 0);
        return builder.Build();
    }

    private static void ReadObject(ref Utf8JsonReader reader, FrameBuilder builder, int row)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = builder.FieldIndex(ref reader);
            if (field < 0)
            {
                builder.UnknownField(row, reader.GetString()!);
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            builder.Read(row, field, ref reader);
        }
    }

    /// <summary>Counts the elements of the array at a copy of the reader (also proves the array is well-formed).</summary>
    private static int CountElements(Utf8JsonReader reader)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw new MalformedRequestException("the JSON array is not terminated");
        return count;
    }

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
