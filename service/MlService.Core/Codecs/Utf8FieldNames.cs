using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MlService.Core.Codecs;

/// <summary>
/// Field names in UTF-8, for matching JSON property names and strings without making a string per value. Cached per
/// field list instance (a loaded model's signature), so they are computed once per loaded model, not per request.
/// </summary>
public static class Utf8FieldNames
{
    private static readonly ConditionalWeakTable<IReadOnlyList<FieldSpec>, byte[][]> Cache = new();

    /// <summary>The fields' names in UTF-8, cached per field list instance.</summary>
    public static byte[][] Of(IReadOnlyList<FieldSpec> fields) =>
        Cache.GetValue(fields, static f => f.Select(field => Encoding.UTF8.GetBytes(field.Name)).ToArray());

    /// <summary>Index of the JSON string or property name the reader is on among <paramref name="utf8Names"/>, trying <paramref name="guess"/> first; -1 if none.</summary>
    public static int IndexOf(byte[][] utf8Names, ref Utf8JsonReader reader, int guess)
    {
        if ((uint)guess < (uint)utf8Names.Length && reader.ValueTextEquals(utf8Names[guess])) return guess;
        for (var f = 0; f < utf8Names.Length; f++)
            if (reader.ValueTextEquals(utf8Names[f])) return f;
        return -1;
    }
}
