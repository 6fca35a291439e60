using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Tests.Onnx;

public sealed class OnnxLoadingTests
{
    [Fact]
    public void MlflowMlModelWithCudaProviderAndNullSessionOptionsLoadsOnCpu()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Trees()).WithMlModel(MlflowOnnxMlModel.Yaml());
        var directory = dir.Open();
        var runtime = new ModelRuntimes([new OnnxModelRuntime()]).For(directory);

        using var model = runtime.Load(directory);
        var output = model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float32, new[] { 0.9f, 5f, 0f }, width: 3)]));

        Assert.Equal("onnx", runtime.Flavor);
        Assert.Equal(OnnxTestModels.TreesByHand(0.9f, 5f, 0f), output["variable"].As<float>()[0]);
        var settings = OnnxSessionSettings.FromFlavor(directory.MlModel.Flavors["onnx"]);
        Assert.Equal(["CUDAExecutionProvider"], settings.IgnoredProviders);
        Assert.Null(settings.IntraOpNumThreads);
    }

    [Fact]
    public void SignatureIsDerivedFromTheGraphWhenTheMlModelHasNone()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris()).WithMlModel(MlflowOnnxMlModel.Yaml());

        using var model = new OnnxModelRuntime().Load(dir.Open());

        var input = Assert.Single(model.Signature.Inputs);
        Assert.Equal(("float_input", DataKind.Float32, true), (input.Name, input.Kind, input.IsTensor));
        Assert.Equal([-1L, 4L], input.Shape);
        Assert.Equal("[{\"name\":\"float_input\",\"type\":\"tensor\",\"tensor-spec\":{\"dtype\":\"float32\",\"shape\":[-1,4]}}]",
            SignatureJson.Write(model.Signature.Inputs));
        Assert.Equal(["output_label", "output_probability"], model.Signature.Outputs.Select(o => o.Name));
        Assert.Equal(new FieldSpec("output_label", DataKind.Int64), model.Signature.Outputs[0]);
        Assert.Equal([-1L, -1L], model.Signature.Outputs[1].Shape);
    }

    [Fact]
    public void SessionOptionsFromTheMlModelAreAppliedAndTheModelStillPredicts()
    {
        const string options = "{intra_op_num_threads: 1, inter_op_num_threads: 2, execution_mode: parallel, graph_optimization_level: 99, extra_session_config: {session.use_env_allocators: '0'}}";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Counts()).WithMlModel(MlflowOnnxMlModel.Yaml(sessionOptions: options));
        var directory = dir.Open();

        var settings = OnnxSessionSettings.FromFlavor(directory.MlModel.Flavors["onnx"]);
        using var model = new OnnxModelRuntime().Load(directory);
        var output = model.Predict(new Frame(1, [FrameColumn.Create("counts", DataKind.Int64, new[] { 1L, 0L }, width: 2)]));

        Assert.Equal(1, settings.IntraOpNumThreads);
        Assert.Equal(2, settings.InterOpNumThreads);
        Assert.Equal(ExecutionMode.ORT_PARALLEL, settings.ExecutionMode);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, settings.GraphOptimizationLevel);
        Assert.Equal("0", settings.ExtraSessionConfig["session.use_env_allocators"]);
        Assert.Equal(OnnxTestModels.CountsByHand(1, 0)[2], output["probabilities"].As<float>()[2], 5);
    }

    [Fact]
    public void UnknownExecutionModeFailsNamingTheKey()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Counts())
            .WithMlModel(MlflowOnnxMlModel.Yaml(sessionOptions: "{execution_mode: turbo}"));

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(dir.Open()));

        Assert.Contains("execution_mode", error.Message);
        Assert.Contains("turbo", error.Message);
    }

    [Fact]
    public void CorruptModelFileFailsWithModelLoadExceptionNamingTheFile()
    {
        using var dir = new TempModelDirectory().WithMlModel(MlflowOnnxMlModel.Yaml());
        File.WriteAllBytes(dir.ModelFile, [0x08, 0x07, 0x12, 0xff, 0x01, 0x02, 0x03, 0x04]);

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(dir.Open()));

        Assert.Contains("model.onnx", error.Message);
        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public void MissingModelFileFailsWithModelLoadExceptionNamingTheFile()
    {
        using var dir = new TempModelDirectory().WithMlModel(MlflowOnnxMlModel.Yaml());

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(dir.Open()));

        Assert.Contains("'model.onnx' is missing", error.Message);
    }

    [Fact]
    public void WeightsStoredAsExternalDataNextToTheModelAreLoaded()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.FixedBatch(externalFile: "model.onnx.data")).WithMlModel(MlflowOnnxMlModel.Yaml());

        using var model = new OnnxModelRuntime().Load(dir.Open());
        var output = model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float32, new[] { 1f, 1f, 1f }, width: 3)]));

        Assert.True(File.Exists(Path.Combine(dir.Path, "model.onnx.data")));
        Assert.Equal([11f, 21f, 31f], output["Y"].As<float>());
    }

    [Fact]
    public void BareOnnxFileLoadsWithoutAnMlModel()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Trees());

        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        Assert.False(File.Exists(Path.Combine(dir.Path, "MLmodel")));
        Assert.Equal(3, model.Signature.Inputs.Single().RowWidth);
        Assert.Equal(104f, model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float32, new[] { 0.5f, 1f, 2f }, width: 3)]))["variable"].As<float>()[0]);
    }

    [Fact]
    public void DirectorySynthesisedForABareFileLoadsThroughTheRuntimeRegistry()
    {
        using var dir = new TempModelDirectory();
        var file = OnnxTestModels.Counts().Save(Path.Combine(dir.Path, "counts.onnx"));

        var directory = OnnxModelRuntime.DirectoryFor(file);
        using var model = new ModelRuntimes([new OnnxModelRuntime()]).Load(directory);

        Assert.Equal("counts.onnx", directory.MlModel.FlavorData("onnx"));
        Assert.Equal(dir.Path, directory.Path);
        var output = model.Predict(new Frame(1, [FrameColumn.Create("counts", DataKind.Int64, new[] { 0L, 1L }, width: 2)]));
        Assert.Equal(OnnxTestModels.CountsByHand(0, 1)[1], output["probabilities"].As<float>()[1], 5);
    }

    [Fact]
    public void SignatureThatDoesNotNameAGraphInputIsRejectedAtLoad()
    {
        const string inputs = """[{"type": "string", "name": "colour", "required": true}, {"type": "double", "name": "size", "required": true}]""";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Pipeline()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs));

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(dir.Open()));

        Assert.Contains("'color'", error.Message);
    }

    [Fact]
    public void ColumnSignatureWiderThanTheGraphInputIsRejectedAtLoad()
    {
        const string inputs = """[{"type": "double", "name": "a"}, {"type": "double", "name": "b"}]""";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Trees()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs));

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(dir.Open()));

        Assert.Contains("3 values per row", error.Message);
    }
}
