namespace MlService.LoadTest.Tests.Payloads;

public class SignatureReaderTests
{
    [Fact]
    public void TheModelDescriptionGivesInputsVersionAndExampleRows()
    {
        var model = SignatureReader.Parse(SignatureFixtures.ModelDescription, "m");

        Assert.Equal("m", model.Name);
        Assert.Equal("3", model.Version);
        Assert.Equal(
            [new FieldSpec("age", DataKind.Int64), new FieldSpec("chol", DataKind.Float64), new FieldSpec("smoker", DataKind.Boolean), new FieldSpec("city", DataKind.String, Required: false)],
            model.Inputs);
        Assert.Equal(2, model.InputExample!.Count);
        Assert.Equal(60, model.InputExample[0]!["age"]!.GetValue<int>());
    }

    [Fact]
    public void InputsStoredAsAJsonStringAreReadToo()
    {
        var model = SignatureReader.Parse("""{"name":"m","signature":{"inputs":"[{\"name\": \"x\", \"type\": \"float\"}]"}}""", "m");

        Assert.Equal([new FieldSpec("x", DataKind.Float32)], model.Inputs);
        Assert.Null(model.InputExample);
    }

    [Fact]
    public void V2MetadataColumnsBecomeColumnsAndWiderInputsTensors()
    {
        var model = SignatureReader.ParseV2Metadata(
            """{"name":"m","versions":["1","2"],"platform":"mlservice","inputs":[{"name":"age","datatype":"INT64","shape":[-1,1]},{"name":"smoker","datatype":"BOOL","shape":[-1]},{"name":"image","datatype":"FP32","shape":[-1,4]}]}""",
            "m");

        Assert.Equal("2", model.Version);
        Assert.Equal(new FieldSpec("age", DataKind.Int64), model.Inputs[0]);
        Assert.Equal(new FieldSpec("smoker", DataKind.Boolean), model.Inputs[1]);
        Assert.True(model.Inputs[2].IsTensor);
    }
}
