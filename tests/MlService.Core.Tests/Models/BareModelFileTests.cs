using MlService.Core.Tests.Onnx;
using MlService.Trainer.Data;

namespace MlService.Core.Tests.Models;

/// <summary>Model files handed over without an MLmodel: a bare .onnx, a folder holding only model.onnx, a bare ML.NET zip.</summary>
public sealed class BareModelFileTests
{
    private static readonly ModelRuntimes Runtimes = new([new MlNetModelRuntime(), new OnnxModelRuntime()]);

    [Fact]
    public void ABareOnnxFilePathServesWithTheSignatureOfItsGraph()
    {
        using var temp = new TempDirectory();
        var file = OnnxTestModels.Trees().Save(temp.Combine("trees.onnx"));

        var directory = ModelDirectory.Open(file);
        using var model = Runtimes.Load(directory);

        Assert.Equal("trees.onnx", directory.MlModel.FlavorData("onnx"));
        var input = Assert.Single(model.Signature.Inputs);
        Assert.Equal([-1L, 3], input.Shape!);
        var output = model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float32, new[] { 0.5f, 1f, 2f }, width: 3)]));
        Assert.Equal(OnnxTestModels.TreesByHand(0.5f, 1f, 2f), output["variable"].As<float>()[0]);
    }

    [Fact]
    public void AFolderHoldingOnlyModelOnnxServes()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris());

        using var model = Runtimes.Load(ModelDirectory.Open(dir.Path));

        Assert.Equal(["output_label", "output_probability"], model.Signature.Outputs.Select(o => o.Name));
        var output = model.Predict(new Frame(1, [FrameColumn.Create("float_input", DataKind.Float32, new[] { 5.1f, 3.5f, 1.4f, 0.2f }, width: 4)]));
        var expected = OnnxTestModels.IrisProbabilities([5.1, 3.5, 1.4, 0.2]);
        Assert.Equal(expected[0], output["output_probability"].As<float>()[0], 5);
    }

    [Fact]
    public void ABareMlNetZipServesWithTheInputSchemaSavedInIt()
    {
        var csv = HeartDiseaseDataGenerator.Generate(120, 5);
        using var trained = new TrainedModel(csv, "target");
        using var temp = new TempDirectory();
        var zip = temp.Combine("heart.zip");
        File.Copy(trained.Directory.Resolve("model.zip"), zip);
        var rows = FrameRows.FromCsv(csv, "target").Take(20).ToArray();

        using var bare = Runtimes.Load(ModelDirectory.Open(zip));
        var output = bare.Predict(FrameRows.Build(bare.Signature, rows));

        Assert.Equal(13, bare.Signature.Inputs.Count);
        Assert.Contains(bare.Signature.Inputs, i => i.Name == "age");
        var expected = trained.Loaded.Predict(FrameRows.Build(trained.Loaded.Signature, rows));
        Assert.Equal(expected["Probability"].As<float>(), output["Probability"].As<float>());
    }

    [Fact]
    public void AFileThatIsNeitherOnnxNorMlNetIsRefusedWithTheReason()
    {
        using var temp = new TempDirectory();
        var pickle = temp.WriteFile("model.pkl", "not for us");

        var error = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(pickle));

        Assert.Contains("'model.pkl' is neither an ONNX model (.onnx) nor an ML.NET model (.zip)", error.Message);
    }

    [Fact]
    public void AFolderWithoutMlModelOrModelFileIsRefusedWithTheReason()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("README.txt", "nothing to serve");

        var error = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(temp.Path));

        Assert.Contains("has no MLmodel file and no model file (.onnx or ML.NET .zip)", error.Message);
    }

    [Fact]
    public void AMissingModelFileIsNamed()
    {
        var error = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open("/nonexistent/models/model.onnx"));

        Assert.Contains("'/nonexistent/models/model.onnx' does not exist", error.Message);
    }

    [Fact]
    public void AGarbageOnnxFileFailsAtLoadSayingSo()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("model.onnx", "this is text");

        var error = Assert.Throws<ModelLoadException>(() => Runtimes.Load(ModelDirectory.Open(file)));

        Assert.Contains("'model.onnx' is not a loadable ONNX model", error.Message);
    }
}
