using System.Globalization;

namespace MlService.Api.Codecs.V2;

/// <summary>
/// Triton's classification extension for one output: instead of the scores, the top k classes of each row as BYTES
/// <c>"score:index:label"</c> (<c>"score:index"</c> when the output has no class labels), best first, shape [N, k] with k
/// capped at the number of classes. This is how Triton clients (<c>InferRequestedOutput(name, class_count=k)</c>) read class
/// labels, and it carries the ZipMap labels of an skl2onnx classifier that the plain FP32 [N, classes] output cannot.
/// </summary>
public static class V2Classification
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Datatype = JsonEncodedText.Encode("datatype");
    private static readonly JsonEncodedText Shape = JsonEncodedText.Encode("shape");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");

    public static void Write(Utf8JsonWriter writer, FrameColumn column, int classes)
    {
        var k = Count(column, classes);
        writer.WriteStartObject();
        writer.WriteString(Name, column.Name);
        writer.WriteString(Datatype, "BYTES");
        writer.WriteStartArray(Shape);
        writer.WriteNumberValue(column.RowCount);
        writer.WriteNumberValue(k);
        writer.WriteEndArray();
        writer.WriteStartArray(Data);
        foreach (var entry in TopClasses(column, classes)) writer.WriteStringValue(entry);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>k: the classes asked for, capped at the number the output has (the tensor is [N, k]).</summary>
    public static int Count(FrameColumn column, int classes) => Math.Min(classes, column.Width);

    /// <summary>The N × k entries <c>"score:index[:label]"</c>, row-major, best first within a row.</summary>
    public static string[] TopClasses(FrameColumn column, int classes)
    {
        var width = column.Width;
        var k = Count(column, classes);
        var entries = new string[column.RowCount * k];
        var order = new int[width];
        for (var row = 0; row < column.RowCount; row++)
        {
            var start = row * width;
            for (var i = 0; i < width; i++) order[i] = i;
            // Best score first; equal scores keep class order, so the answer is deterministic.
            Array.Sort(order, (a, b) => Score(column, start + b).CompareTo(Score(column, start + a)) is var c && c != 0 ? c : a.CompareTo(b));
            for (var j = 0; j < k; j++)
            {
                var index = order[j];
                var label = column.SlotNames is { } names && index < names.Count ? ":" + names[index] : "";
                entries[row * k + j] = string.Create(CultureInfo.InvariantCulture, $"{Text(column, start + index)}:{index}{label}");
            }
        }
        return entries;
    }

    private static double Score(FrameColumn column, int i) => column.Values switch
    {
        float[] f => f[i],
        double[] d => d[i],
        _ => Convert.ToDouble(column.GetBoxed(i), CultureInfo.InvariantCulture),
    };

    /// <summary>The score as the output holds it (a float prints as the float, not as its double widening).</summary>
    private static string Text(FrameColumn column, int i) => column.Values switch
    {
        float[] f => f[i].ToString(CultureInfo.InvariantCulture),
        double[] d => d[i].ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(column.GetBoxed(i), CultureInfo.InvariantCulture)!,
    };
}
