namespace MlService.Api.Tests.Codecs;

public sealed class MlflowRequestDecoderTests
{
    private static Core.Frames.Frame Decode(string json) =>
        MlflowRequestDecoder.Decode(Encoding.UTF8.GetBytes(json), CodecFields.Columns, ValidationOptions.Default, 100);

    [Theory]
    [InlineData("""{"dataframe_split": {"columns": ["age", "chol", "smoker", "city"], "data": [[63, 233.5, true, "Oslo"], [41, 180, false, null]]}}""")]
    [InlineData("""{"dataframe_records": [{"age": 63, "chol": 233.5, "smoker": true, "city": "Oslo"}, {"age": 41, "chol": 180, "smoker": false}]}""")]
    [InlineData("""{"instances": [{"age": 63, "chol": 233.5, "smoker": true, "city": "Oslo"}, {"age": 41, "chol": "180", "smoker": 0}]}""")]
    [InlineData("""{"inputs": {"age": [63, 41], "chol": [233.5, 180], "smoker": [true, false], "city": ["Oslo", null]}}""")]
    public void EveryJsonFormatGivesTheSameFrame(string json)
    {
        var frame = Decode(json);

        Assert.Equal(2, frame.RowCount);
        Assert.Equal([63L, 41L], frame["age"].As<long>());
        Assert.Equal([233.5, 180.0], frame["chol"].As<double>());
        Assert.Equal([true, false], frame["smoker"].As<bool>());
        Assert.Equal(new string?[] { "Oslo", null }, frame["city"].As<string?>());
    }

    [Theory]
    [InlineData("""{"dataframe_records": [{"age": "old", "chol": 1, "smoker": true}]}""", "[0].age", "must be an integer")]
    [InlineData("""{"dataframe_split": {"columns": ["age", "chol", "smoker"], "data": [[63, 1, true], [64, 1, "maybe"]]}}""", "[1].smoker", "must be a boolean")]
    [InlineData("""{"dataframe_records": [{"age": 63, "smoker": true}]}""", "[0].chol", "field required")]
    [InlineData("""{"inputs": {"age": [63], "chol": [1.5]}}""", "smoker", "required input")]
    public void ABadValueIsAnErrorNamingTheField(string json, string field, string message)
    {
        var error = Assert.Throws<InputValidationException>(() => Decode(json));

        Assert.Contains(message, Assert.Single(error.FieldErrors[field]));
    }

    [Fact]
    public void AnUnknownFormatKeyIsMalformed()
    {
        var error = Assert.Throws<MalformedRequestException>(() => Decode("""{"rows": []}"""));

        Assert.Contains("dataframe_split", error.Message);
    }
}
