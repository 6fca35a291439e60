namespace MlService.Core.Tests.Models;

public sealed class MlModelFileTests
{
    /// <summary>MLflow 2.8.1's ONNX MLmodel (reference: serving-protocols.md §2.4), shared with the ONNX runtime tests.</summary>
    private static readonly string MlflowOnnx = MlflowOnnxMlModel.Yaml();

    /// <summary>MLflow 3.x keys (model_id, prompts, is_signature_from_type_hint, ...) with a tensor signature.</summary>
    private const string Mlflow3 = """
        artifact_path: s3://mlflow/1/models/m-75b24f103c544a0694a466f0196e4676/artifacts
        flavors:
          onnx: {code: null, data: model.onnx, onnx_session_options: null, onnx_version: 1.17.0, providers: [CPUExecutionProvider]}
          python_function: {data: model.onnx, env: {conda: conda.yaml, virtualenv: python_env.yaml}, loader_module: mlflow.onnx, python_version: 3.11.9}
        is_signature_from_type_hint: false
        mlflow_version: 3.4.0
        model_id: m-75b24f103c544a0694a466f0196e4676
        prompts: null
        run_id: 74ed56034de94b018c67d04050f5b9ed
        saved_input_example_info:
          artifact_path: input_example.json
          serving_input_path: serving_input_example.json
          type: ndarray
        signature:
          inputs: '[{"name": "float_input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]'
          outputs: '[{"name": "label", "type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
          params: null
        type_hint_from_example: false
        utc_time_created: '2025-10-07 23:52:48.989140'
        """;

    [Fact]
    public void ARealMlflowOnnxFileLoadsWithItsFlavors()
    {
        var file = MlModelFile.Parse(MlflowOnnx);

        Assert.Equal("model.onnx", file.FlavorData("onnx"));
        Assert.Equal("onnx", file.PrimaryFlavor(["mlnet", "onnx"]));
        Assert.Equal("dee6c8aa41614ea88cc567b295cb1df1", file.ModelUuid);
        Assert.Equal("2.8.1", file.MlflowVersion);
        Assert.Same(ModelSignature.Empty, file.Signature);
    }

    [Fact]
    public void AnMlflow3FileWithUnknownKeysAndATensorSignatureLoads()
    {
        var file = MlModelFile.Parse(Mlflow3);

        var input = file.Signature.Inputs.Single();
        Assert.Equal("float_input", input.Name);
        Assert.Equal([-1L, 4], input.Shape!);
        Assert.Equal(DataKind.Int64, file.Signature.Outputs.Single().Kind);
        Assert.Equal("input_example.json", file.InputExamplePath);
        Assert.Equal("74ed56034de94b018c67d04050f5b9ed", file.RunId);
        Assert.True(file.Raw.ContainsKey("is_signature_from_type_hint"));
    }

    [Fact]
    public void WritingThenReadingKeepsFlavorsSignatureExampleAndOurSection()
    {
        var original = new MlModelFile
        {
            Flavors = new() { ["mlnet"] = new() { ["data"] = "model.zip", ["mlnet_version"] = "5.0.1" } },
            Signature = new ModelSignature([new("age", DataKind.Int64), new("oldpeak", DataKind.Float64, Required: false)], [new("Score", DataKind.Float32)]),
            InputExamplePath = "input_example.json",
            MlService = new MlServiceSection
            {
                Files = new() { ["model.zip"] = new string('a', 64) },
                Metrics = new() { ["auc"] = 0.91234567890123 },
                Task = "binary",
                Label = "target",
            },
        };

        var copy = MlModelFile.Parse(original.ToYaml());

        Assert.Equal("model.zip", copy.FlavorData("mlnet"));
        Assert.Equal(original.Signature.Inputs, copy.Signature.Inputs);
        Assert.Equal(original.Signature.Outputs, copy.Signature.Outputs);
        Assert.Equal("input_example.json", copy.InputExamplePath);
        Assert.Equal(original.MlService.Files, copy.MlService.Files);
        Assert.Equal(0.91234567890123, copy.MlService.Metrics["auc"]);
        Assert.Equal("binary", copy.MlService.Task);
        Assert.Equal("target", copy.MlService.Label);
    }

    [Fact]
    public void UnknownKeysSurviveARewrite()
    {
        var copy = MlModelFile.Parse(MlModelFile.Parse(Mlflow3).ToYaml());

        Assert.Equal("m-75b24f103c544a0694a466f0196e4676", copy.Raw["model_id"]?.ToString());
        Assert.Equal("3.4.0", copy.MlflowVersion);
    }

    [Fact]
    public void AMissingMlmodelIsAClearLoadError()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var error = Assert.Throws<Core.Errors.ModelLoadException>(() => ModelDirectory.Open(dir));
            Assert.Contains("MLmodel", error.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void InputExamplesReadSplitAndRecordsOrients()
    {
        var split = InputExample.Parse("""{"columns": ["a", "b"], "data": [[1, "x"], [2, "y"]]}""")!;
        var records = InputExample.Parse("""[{"a": 1, "b": "x"}]""")!;

        Assert.Equal(2, split.Count);
        Assert.Equal("y", (string?)split[1]!["b"]);
        Assert.Equal(1, (int)records[0]!["a"]!);
    }
}
