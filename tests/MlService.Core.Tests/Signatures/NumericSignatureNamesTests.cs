using MlService.Core.Tests.Onnx;

namespace MlService.Core.Tests.Signatures;

/// <summary>Signatures whose names are numbers, as MLflow writes them for pandas frames without column names (LightGBM).</summary>
public sealed class NumericSignatureNamesTests
{
    [Fact]
    public void IntegerNamesInEverySignatureFieldParseAsTheirText()
    {
        const string inputs = """[{"type": "double", "name": 0, "required": true}, {"type": "double", "name": 1, "required": true}]""";
        const string outputs = """[{"type": "long", "name": 0, "required": true}]""";
        const string tensors = """[{"name": 0, "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]""";

        Assert.Equal(["0", "1"], SignatureJson.Parse(inputs).Select(f => f.Name));
        Assert.Equal(new FieldSpec("0", DataKind.Int64), SignatureJson.Parse(outputs).Single());
        Assert.Equal("0", SignatureJson.Parse(tensors).Single().Name);
    }

    [Fact]
    public void ANameOfAnotherJsonTypeIsRefusedNamingTheEntry()
    {
        var error = Assert.Throws<FormatException>(() => SignatureJson.Parse("""[{"type": "double", "name": {"a": 1}}]"""));

        Assert.Contains("signature entry 0 has a name that is a JSON object, not a string or number", error.Message);
    }

    [Fact]
    public void AnOnnxModelWhoseMlModelNamesOutputsWithIntegersLoadsAndServesThem()
    {
        const string yaml = """
            flavors:
              onnx: {data: model.onnx}
            signature:
              inputs: '[{"type": "float", "name": 0, "required": true}, {"type": "float", "name": 1, "required": true}]'
              outputs: '[{"type": "float", "name": 0, "required": true}]'
            """;
        using var dir = new TempModelDirectory().With(new OnnxModelBuilder()
            .Input("0", OnnxElement.Float, -1, 1)
            .Input("1", OnnxElement.Float, -1, 1)
            .Node("Add", ["0", "1"], ["sum"])
            .Node("Identity", ["sum"], ["0_out"])
            .Output("0_out", OnnxElement.Float, -1, 1)).WithMlModel(yaml);

        using var model = new OnnxModelRuntime().Load(ModelDirectory.Open(dir.Path));
        var output = model.Predict(new Frames.Frame(2, [
            Frames.FrameColumn.Create("0", DataKind.Float32, new[] { 1f, 2f }),
            Frames.FrameColumn.Create("1", DataKind.Float32, new[] { 10f, 20f })]));

        Assert.Equal(["0", "1"], model.Signature.Inputs.Select(i => i.Name));
        Assert.Equal([11f, 22f], output["0_out"].As<float>());
    }
}
