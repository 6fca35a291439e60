using System.Text.Json.Nodes;

namespace MlService.LoadTest.Payloads;

/// <summary>
/// Where random values of one column come from: the span of the model's input example widened by 50 % on
/// each side (so values look like real inputs), or a neutral default when the example does not show the column.
/// </summary>
public sealed record ColumnRange(double Low, double High, IReadOnlyList<string> Strings)
{
    private static readonly ColumnRange Default = new(0, 100, []);

    public static ColumnRange For(FieldSpec column, JsonArray? examples)
    {
        var numbers = new List<double>();
        var strings = new List<string>();
        foreach (var row in examples ?? [])
        {
            if (row is not JsonObject obj || obj[column.Name] is not JsonValue value) continue;
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number: numbers.Add(value.GetValue<double>()); break;
                case JsonValueKind.String: strings.Add(value.GetValue<string>()); break;
            }
        }
        if (numbers.Count == 0) return Default with { Strings = strings };
        var low = numbers.Min();
        var high = numbers.Max();
        low -= Math.Abs(low) * 0.5;
        high += Math.Abs(high) * 0.5;
        if (low == high) high = low + 1;
        return new ColumnRange(low, high, strings);
    }
}
