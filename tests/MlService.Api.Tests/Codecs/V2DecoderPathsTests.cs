using MlService.Api.Codecs.V2;

namespace MlService.Api.Tests.Codecs;

/// <summary>The V2 fast path and the general path give the same frame for every body the fast path accepts.</summary>
public sealed class V2DecoderPathsTests
{
    private static readonly IReadOnlyList<FieldSpec> Fields =
    [
        new("age", DataKind.Int64),
        new("chol", DataKind.Float64),
        new("weight", DataKind.Float32),
        new("smoker", DataKind.Boolean),
        new("city", DataKind.String, Required: false),
    ];

    private static string Body(string age, string chol, string weight, string smoker, string city, int rows = 2, string ageShape = "") => $$"""
        {"inputs": [
          {"name": "age", "shape": [{{rows}}{{ageShape}}], "datatype": "INT64", "data": {{age}}},
          {"name": "chol", "shape": [{{rows}}], "datatype": "FP64", "data": {{chol}}},
          {"name": "weight", "shape": [{{rows}}], "datatype": "FP32", "data": {{weight}}},
          {"name": "smoker", "shape": [{{rows}}], "datatype": "BOOL", "data": {{smoker}}},
          {"name": "city", "shape": [{{rows}}], "datatype": "BYTES", "data": {{city}}}]}
        """;

    public static TheoryData<string, string> FastPathBodies => new()
    {
        { "plain values", Body("[63, 41]", "[233.5, 180]", "[70.5, 81]", "[true, false]", """["Oslo", "Lima"]""") },
        { "numeric strings", Body("""["63", "41"]""", """["233.5", "1e2"]""", """["70.5", "81"]""", "[true, false]", """["Oslo", "Lima"]""") },
        { "integral floats for integers", Body("[63.0, 4.1e1]", "[233, 180]", "[70, 81]", "[1, 0]", """["Oslo", "Lima"]""") },
        { "[N, 1] nested data", Body("[[63], [41]]", "[233.5, 180]", "[70.5, 81]", "[true, false]", """["Oslo", "Lima"]""", ageShape: ", 1") },
        { "nulls in an optional string", Body("[63, 41]", "[233.5, 180]", "[70.5, 81]", "[true, false]", """[null, "Lima"]""") },
        { "escaped strings", Body("[63, 41]", "[233.5, 180]", "[70.5, 81]", "[true, false]", """["O\u0073lo", "Li\"ma"]""") },
        { "no rows", Body("[]", "[]", "[]", "[]", "[]", rows: 0) },
        { "one row", Body("[63]", "[233.5]", "[70.5]", "[true]", """["Oslo"]""", rows: 1) },
        { "extreme values", Body("[9223372036854775807, -9223372036854775808]", "[1.7976931348623157e308, -5e-324]", "[3.4e38, -1e-45]", "[false, true]", """["", " "]""") },
    };

    [Theory]
    [MemberData(nameof(FastPathBodies))]
    public void BothPathsGiveTheSameFrame(string rule, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = V2RequestReader.Read(body, Fields);

        var fast = V2ColumnFastPath.TryDecode(body, request, Fields, ValidationOptions.Default, 100);
        var general = V2FrameDecoder.DecodeGeneral(body, request, Fields, ValidationOptions.Default, 100);

        Assert.True(fast is not null, $"{rule}: the fast path declined");
        AssertSameFrame(general, fast!);
    }

    [Theory]
    [InlineData("an input in another datatype", """{"inputs": [{"name": "age", "shape": [1], "datatype": "INT32", "data": [63]}, {"name": "chol", "shape": [1], "datatype": "FP64", "data": [1]}, {"name": "weight", "shape": [1], "datatype": "FP32", "data": [1]}, {"name": "smoker", "shape": [1], "datatype": "BOOL", "data": [true]}, {"name": "city", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}""")]
    [InlineData("an optional input left out", """{"inputs": [{"name": "age", "shape": [1], "datatype": "INT64", "data": [63]}, {"name": "chol", "shape": [1], "datatype": "FP64", "data": [1]}, {"name": "weight", "shape": [1], "datatype": "FP32", "data": [1]}, {"name": "smoker", "shape": [1], "datatype": "BOOL", "data": [true]}]}""")]
    public void BodiesTheFastPathDeclinesAreDecodedByTheGeneralPath(string rule, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = V2RequestReader.Read(body, Fields);

        Assert.True(V2ColumnFastPath.TryDecode(body, request, Fields, ValidationOptions.Default, 100) is null, rule);
        var frame = V2FrameDecoder.Decode(body, request, Fields, ValidationOptions.Default, 100);
        Assert.Equal([63L], frame["age"].As<long>());
    }

    private static void AssertSameFrame(Frame expected, Frame actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind, c.Width)), actual.Columns.Select(c => (c.Name, c.Kind, c.Width)));
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            Assert.Equal(expected.Columns[c].Values.GetType(), actual.Columns[c].Values.GetType());
            Assert.Equal(expected.Columns[c].Values.Cast<object?>(), actual.Columns[c].Values.Cast<object?>());
        }
    }
}
