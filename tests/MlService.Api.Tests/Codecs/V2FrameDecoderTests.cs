using MlService.Api.Codecs.V2;

namespace MlService.Api.Tests.Codecs;

public sealed class V2FrameDecoderTests
{
    private static Core.Frames.Frame Decode(string json, IReadOnlyList<Core.Signatures.FieldSpec>? fields = null)
    {
        fields ??= CodecFields.Columns;
        var body = Encoding.UTF8.GetBytes(json);
        return V2FrameDecoder.Decode(body, V2RequestReader.Read(body, fields), fields, ValidationOptions.Default, 100);
    }

    [Fact]
    public void ColumnTensorsGiveTheFrameInSignatureOrder()
    {
        var frame = Decode("""
            {"id": "r1", "inputs": [
              {"name": "smoker", "shape": [2], "datatype": "BOOL", "data": [true, false]},
              {"name": "age", "shape": [2, 1], "datatype": "INT32", "data": [[63], [41]]},
              {"name": "chol", "shape": [2], "datatype": "FP64", "data": [233.5, 180]}]}
            """);

        Assert.Equal(["age", "chol", "smoker", "city"], frame.Columns.Select(c => c.Name));
        Assert.Equal([63L, 41L], frame["age"].As<long>());
        Assert.Equal([233.5, 180.0], frame["chol"].As<double>());
        Assert.Equal([true, false], frame["smoker"].As<bool>());
        Assert.Equal(new string?[] { null, null }, frame["city"].As<string?>());
    }

    [Fact]
    public void ATensorInputTakesItsShape()
    {
        var frame = Decode("""{"inputs": [{"name": "pixels", "shape": [1, 2, 2], "datatype": "FP32", "data": [1, 2, 3, 4]}]}""", CodecFields.Tensor);

        Assert.Equal(1, frame.RowCount);
        Assert.Equal([1f, 2, 3, 4], frame["pixels"].As<float>());
    }

    [Theory]
    [InlineData("""{"name": "age", "shape": [1], "datatype": "INT64", "data": ["old"]}""", "age", "must be an integer")]
    [InlineData("""{"name": "age", "shape": [1], "datatype": "FP32", "data": [63]}""", "age", "has datatype FP32; this input takes INT64")]
    [InlineData("""{"name": "age", "shape": [2], "datatype": "INT64", "data": [63]}""", "age", "data has 1 values; shape [2] needs 2")]
    [InlineData("""{"name": "age", "shape": [1], "datatype": "UINT8", "data": [300]}""", "age", "out of range")]
    public void ABadTensorIsAnErrorNamingTheInput(string age, string field, string message)
    {
        var json = $$"""
            {"inputs": [{{age}},
              {"name": "chol", "shape": [1], "datatype": "FP64", "data": [1.5]},
              {"name": "smoker", "shape": [1], "datatype": "BOOL", "data": [true]}]}
            """;

        var error = Assert.Throws<InputValidationException>(() => Decode(json));

        Assert.Contains(message, Assert.Single(error.FieldErrors[field]));
    }

    [Fact]
    public void EveryBadInputIsReportedNotOnlyTheFirst()
    {
        var error = Assert.Throws<InputValidationException>(() => Decode("""
            {"inputs": [{"name": "age", "shape": [1], "datatype": "INT64", "data": ["old"]},
              {"name": "chol", "shape": [1], "datatype": "FP64", "data": ["high"]}]}
            """));

        Assert.Equal(["age", "chol", "smoker"], error.FieldErrors.Keys.Order());
    }
}
