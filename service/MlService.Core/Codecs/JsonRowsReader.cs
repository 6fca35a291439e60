using System.Text.Json;
using MlService.Core.Validation;

namespace MlService.Core.Codecs;

/// <summary>
/// Reads rows given as JSON objects keyed by column name — one object, or an array of objects — into a
/// frame for the model's inputs. Used by the native protocol, MLflow's <c>dataframe_records</c> and
/// <c>instances</c>, and model warm-up.
/// </summary>
public static class JsonRowsReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Reads a whole body: an object (single row) or an array of objects, in one pass. Field errors are only
    /// thrown after the whole body has been read, so malformed JSON anywhere is a 400, never a partial 422.
    /// </summary>
    public static (Frame Frame, bool Single) Read(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read()) throw new MalformedRequestException("the request body is empty; send a JSON object (one row) or an array of objects");
            FrameBuilder builder;
            var single = reader.TokenType == JsonTokenType.StartObject;
            if (single)
            {
                builder = new FrameBuilder(fields, 1, options, FrameBuilder.SinglePath);
                ReadObject(ref reader, builder, 0, Utf8FieldNames.Of(fields));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                builder = new FrameBuilder(fields, 0, options, FrameBuilder.BatchPath);
                ReadRows(ref reader, builder, maxRows, "", json.Length);
            }
            else
            {
                throw new MalformedRequestException("the request body must be a JSON object (one row) or an array of objects");
            }
            if (reader.Read()) throw new MalformedRequestException("unexpected data after the JSON value");
            return (builder.Build(), single);
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {Trim(e.Message)}", inner: e);
        }
    }

    /// <summary>
    /// Reads an array of row objects at the reader's current StartArray (e.g. inside a wrapper object). With
    /// <paramref name="positionalKeys"/> (pandas "records", MLflow's <c>dataframe_records</c>) a key "0", "1", ... that names
    /// no input stands for the input at that position, as pandas writes a frame without column names.
    /// </summary>
    public static Frame ReadArray(ref Utf8JsonReader reader, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows,
        string pathPrefix, Func<int, string, string> path, bool positionalKeys = false)
    {
        var builder = new FrameBuilder(fields, 0, options, pathPrefix.Length == 0 ? path : (r, f) => pathPrefix + path(r, f));
        ReadRows(ref reader, builder, maxRows, pathPrefix, 0, positionalKeys);
        return builder.Build();
    }

    /// <summary>
    /// Reads the row objects of the array at the reader into the builder, growing it as rows arrive. After the
    /// first row the rest are estimated from its size, so a uniform batch allocates its columns about once.
    /// </summary>
    private static void ReadRows(ref Utf8JsonReader reader, FrameBuilder builder, int maxRows, string pathPrefix, long totalBytes, bool positionalKeys = false)
    {
        var row = 0;
        var rowStart = reader.BytesConsumed;
        var names = Utf8FieldNames.Of(builder.Fields);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (row == maxRows) throw new PayloadTooLargeException($"the request has more than {maxRows} rows; at most {maxRows} are allowed per request");
            var hint = 0;
            if (row == 1 && totalBytes > 0)
            {
                var firstRowBytes = Math.Max(1, reader.TokenStartIndex - rowStart);
                hint = (int)Math.Min(maxRows, (totalBytes - rowStart) / firstRowBytes + 1);
            }
            builder.Grow(row + 1, hint);
            if (reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, builder, row, names, positionalKeys);
            else
            {
                builder.Errors.Add($"{pathPrefix}[{row}]", "must be a JSON object of column values");
                reader.Skip();
                for (var f = 0; f < builder.Fields.Count; f++) builder.MarkPresent(row, f);
            }
            row++;
        }
    }

    /// <summary>
    /// Reads one row given as an object keyed by column name (the reader is at its StartObject). <paramref name="names"/>
    /// are the builder's field names from <see cref="Utf8FieldNames.Of"/>; each key is tried first against the field after
    /// the previous key's, since rows usually list the columns in signature order.
    /// </summary>
    public static void ReadObject(ref Utf8JsonReader reader, FrameBuilder builder, int row, byte[][] names, bool positionalKeys = false)
    {
        var last = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Utf8FieldNames.IndexOf(names, ref reader, last + 1);
            if (field >= 0) last = field;
            if (field < 0 && positionalKeys) field = builder.PositionalFieldIndex(reader.GetString()!);
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

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
