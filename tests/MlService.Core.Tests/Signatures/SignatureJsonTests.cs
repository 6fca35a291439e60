namespace MlService.Core.Tests.Signatures;

public sealed class SignatureJsonTests
{
    [Fact]
    public void ColumnSignaturesRoundTrip()
    {
        IReadOnlyList<FieldSpec> fields =
        [
            new("age", DataKind.Int64), new("ratio", DataKind.Float64, Required: false), new("name", DataKind.String),
            new("flag", DataKind.Boolean), new("count", DataKind.Int32), new("weight", DataKind.Float32),
            new("blob", DataKind.Binary), new("when", DataKind.DateTime),
        ];

        var parsed = SignatureJson.Parse(SignatureJson.Write(fields));

        Assert.Equal(fields, parsed);
    }

    [Fact]
    public void TensorSignaturesRoundTripWithShapes()
    {
        IReadOnlyList<FieldSpec> fields = [new("input", DataKind.Float32, true, [-1, 1, 28, 28])];

        var parsed = SignatureJson.Parse(SignatureJson.Write(fields)).Single();

        Assert.Equal("input", parsed.Name);
        Assert.Equal(DataKind.Float32, parsed.Kind);
        Assert.Equal([-1L, 1, 28, 28], parsed.Shape!);
        Assert.Equal(784, parsed.RowWidth);
    }

    [Fact]
    public void MlflowsOwnSignatureStringsParse()
    {
        const string inputs = """[{"type": "double", "name": "mean radius", "required": true}, {"type": "long", "name": "age", "required": false}]""";
        const string outputs = """[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]""";

        var parsedInputs = SignatureJson.Parse(inputs);
        var parsedOutputs = SignatureJson.Parse(outputs);

        Assert.Equal(new FieldSpec("mean radius", DataKind.Float64), parsedInputs[0]);
        Assert.Equal(new FieldSpec("age", DataKind.Int64, Required: false), parsedInputs[1]);
        Assert.Equal(DataKind.Int64, parsedOutputs.Single().Kind);
        Assert.True(parsedOutputs.Single().IsTensor);
    }

    [Fact]
    public void AColumnWithoutRequiredIsRequired()
    {
        var field = SignatureJson.Parse("""[{"type": "string", "name": "s"}]""").Single();

        Assert.True(field.Required);
    }

    [Theory]
    [InlineData("""[{"type": "decimal", "name": "x"}]""", "unsupported type 'decimal'")]
    [InlineData("""{"type": "double"}""", "JSON array")]
    [InlineData("""[{"name": "x"}]""", "has no type")]
    [InlineData("""[{"name": "t", "type": "tensor", "tensor-spec": {"dtype": "complex64", "shape": [-1]}}]""", "unsupported dtype")]
    public void BadSignaturesAreRejectedWithTheReason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SignatureJson.Parse(json));

        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("FP32", DataKind.Float32)]
    [InlineData("BYTES", DataKind.String)]
    [InlineData("UINT16", DataKind.UInt16)]
    [InlineData("BOOL", DataKind.Boolean)]
    public void OpenInferenceDatatypesMapBothWays(string datatype, DataKind kind)
    {
        Assert.Equal(kind, V2DatatypeNames.FromV2Datatype(datatype));
        Assert.Equal(datatype, V2DatatypeNames.ToV2Datatype(kind));
    }
}
