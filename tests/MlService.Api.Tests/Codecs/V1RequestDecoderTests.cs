using MlService.Api.Codecs.V1;

namespace MlService.Api.Tests.Codecs;

public sealed class V1RequestDecoderTests
{
    private static Core.Frames.Frame Decode(string json, IReadOnlyList<Core.Signatures.FieldSpec>? fields = null) =>
        V1RequestDecoder.Decode(Encoding.UTF8.GetBytes(json), fields ?? CodecFields.Columns, ValidationOptions.Default, 100);

    [Theory]
    [InlineData("""{"instances": [{"age": 63, "chol": 233.5, "smoker": true, "city": "Oslo"}, {"age": 41, "chol": 180, "smoker": false}]}""")]
    [InlineData("""{"inputs": [[63, 233.5, true, "Oslo"], [41, 180, false, null]]}""")]
    public void ObjectAndPositionalInstancesGiveTheFrame(string json)
    {
        var frame = Decode(json);

        Assert.Equal([63L, 41L], frame["age"].As<long>());
        Assert.Equal([233.5, 180.0], frame["chol"].As<double>());
        Assert.Equal(new string?[] { "Oslo", null }, frame["city"].As<string?>());
    }

    [Fact]
    public void ATensorModelTakesEachInstanceAsItsRow()
    {
        var frame = Decode("""{"instances": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}""", CodecFields.Tensor);

        Assert.Equal(2, frame.RowCount);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], frame["pixels"].As<float>());
    }

    [Theory]
    [InlineData("""{"instances": [{"age": 63, "chol": "high", "smoker": true}]}""", "[0].chol", "must be a number")]
    [InlineData("""{"instances": [[63, 1.5]]}""", "[0]", "has 2 values; the model takes 4")]
    public void ABadInstanceIsAnErrorNamingTheField(string json, string field, string message)
    {
        var error = Assert.Throws<InputValidationException>(() => Decode(json));

        Assert.Contains(message, Assert.Single(error.FieldErrors[field]));
    }

    [Fact]
    public void ABodyWithoutInstancesIsMalformedAndNamesTheKey()
    {
        var error = Assert.Throws<MalformedRequestException>(() => Decode("""{"rows": []}"""));

        Assert.Equal("instances", error.Field);
    }
}
