namespace MlService.Core.Tests.Onnx;

/// <summary>A throw-away model directory: model.onnx plus an optional MLmodel text, deleted on dispose.</summary>
internal sealed class TempModelDirectory : IDisposable
{
    public TempModelDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlservice-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string ModelFile => System.IO.Path.Combine(Path, "model.onnx");

    public TempModelDirectory With(OnnxModelBuilder model)
    {
        model.Save(ModelFile);
        return this;
    }

    public TempModelDirectory WithMlModel(string yaml)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, MlModelFile.FileName), yaml);
        return this;
    }

    public ModelDirectory Open() => ModelDirectory.Open(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
