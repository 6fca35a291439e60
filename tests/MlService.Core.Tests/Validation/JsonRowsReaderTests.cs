using System.Text;
using MlService.Core.Validation;

namespace MlService.Core.Tests.Validation;

public sealed class JsonRowsReaderTests
{
    private static readonly FieldSpec[] Fields =
    [
        new("age", DataKind.Int64), new("chol", DataKind.Float64), new("thal", DataKind.String, Required: false),
    ];

    private static (Frames.Frame Frame, bool Single) Read(string json, ValidationOptions? options = null, int maxRows = 100) =>
        JsonRowsReader.Read(Encoding.UTF8.GetBytes(json), Fields, options ?? ValidationOptions.Default, maxRows);

    [Fact]
    public void AnObjectIsOneRowAndMarkedSingle()
    {
        var (frame, single) = Read("""{"chol": 233.5, "age": 63, "thal": "fixed"}""");

        Assert.True(single);
        Assert.Equal(1, frame.RowCount);
        Assert.Equal(63L, frame["age"].As<long>()[0]);
        Assert.Equal(233.5, frame["chol"].As<double>()[0]);
        Assert.Equal("fixed", frame["thal"].As<string?>()[0]);
    }

    [Fact]
    public void AnArrayIsABatchInOrder()
    {
        var (frame, single) = Read("""[{"age": 1, "chol": 10}, {"age": 2, "chol": 20}, {"age": 3, "chol": 30}]""");

        Assert.False(single);
        Assert.Equal([1L, 2, 3], frame["age"].As<long>());
        Assert.Equal([10.0, 20, 30], frame["chol"].As<double>());
        Assert.All(frame["thal"].As<string?>(), Assert.Null);
    }

    [Fact]
    public void AnEmptyArrayIsAnEmptyBatch()
    {
        Assert.Equal(0, Read("[]").Frame.RowCount);
    }

    [Fact]
    public void EveryErrorIsCollectedWithItsPath()
    {
        var error = Assert.Throws<InputValidationException>(() =>
            Read("""[{"age": "x", "chol": 1}, {"chol": true}, {"age": 3, "chol": 4}, 7]"""));

        Assert.Equal(["[0].age", "[1].age", "[1].chol", "[3]"], error.FieldErrors.Keys.Order().ToArray());
        Assert.Equal("field required", error.FieldErrors["[1].age"].Single());
    }

    [Fact]
    public void UnknownFieldsAreIgnoredUnlessStrict()
    {
        const string body = """{"age": 1, "chol": 2, "extra": {"nested": [1, 2]}}""";

        Assert.Equal(1, Read(body).Frame.RowCount);
        var error = Assert.Throws<InputValidationException>(() => Read(body, ValidationOptions.Default with { StrictInputs = true }));
        Assert.Contains("extra", error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData("{\"age\": 1,")]
    [InlineData("[{\"age\": 1}")]
    [InlineData("{\"age\": 1} {}")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{'age': 1}")]
    public void MalformedBodiesAreMalformedRequests(string body)
    {
        Assert.Throws<MalformedRequestException>(() => Read(body));
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsMalformed()
    {
        var deep = "{\"age\": " + new string('[', 200) + new string(']', 200) + "}";

        Assert.Throws<MalformedRequestException>(() => Read(deep));
    }

    [Fact]
    public void MoreRowsThanTheLimitIsTooLarge()
    {
        var error = Assert.Throws<PayloadTooLargeException>(() => Read("[{}, {}, {}]", maxRows: 2));

        Assert.Contains("at most 2", error.Message);
    }

    [Fact]
    public void AByteOrderMarkIsTolerated()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"age": 1, "chol": 2}""")).ToArray();

        Assert.Equal(1, JsonRowsReader.Read(body, Fields, ValidationOptions.Default, 1).Frame.RowCount);
    }

    [Fact]
    public void TensorFieldsReadNestedOrFlatArraysPerRow()
    {
        FieldSpec[] fields = [new("x", DataKind.Float32, true, [-1, 2, 2])];

        var (frame, _) = JsonRowsReader.Read(Encoding.UTF8.GetBytes("""[{"x": [[1, 2], [3, 4]]}, {"x": [5, 6, 7, 8]}]"""), fields, ValidationOptions.Default, 10);

        Assert.Equal(4, frame["x"].Width);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], frame["x"].As<float>());
    }

    [Fact]
    public void ATensorRowOfTheWrongSizeIsRefused()
    {
        FieldSpec[] fields = [new("x", DataKind.Float32, true, [-1, 3])];

        var error = Assert.Throws<InputValidationException>(() =>
            JsonRowsReader.Read(Encoding.UTF8.GetBytes("""{"x": [1, 2]}"""), fields, ValidationOptions.Default, 10));

        Assert.Contains("3 per row", error.FieldErrors["x"].Single());
    }
}
