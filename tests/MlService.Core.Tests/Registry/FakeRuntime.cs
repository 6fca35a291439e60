namespace MlService.Core.Tests.Registry;

/// <summary>A runtime for the "fake" flavor: the model file's text is the model; "broken" fails to load, "throws" fails at predict.</summary>
public sealed class FakeRuntime : IModelRuntime
{
    public string Flavor => "fake";

    public ILoadedModel Load(ModelDirectory directory)
    {
        var text = File.ReadAllText(directory.Resolve("model.bin"));
        if (text == "broken") throw new ModelLoadException("fake model is broken");
        return new FakeModel(text);
    }

    public static string Publish(string root, string text, bool withExample = true)
    {
        var dir = Path.Combine(root, "fake-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "model.bin"), text);
        if (withExample) File.WriteAllText(Path.Combine(dir, InputExample.FileName), """{"columns": ["x"], "data": [[1.5]]}""");
        new MlModelFile
        {
            Flavors = new() { ["fake"] = new() { ["data"] = "model.bin" } },
            Signature = new ModelSignature([new FieldSpec("x", DataKind.Float64)], [new FieldSpec("y", DataKind.String)]),
            InputExamplePath = withExample ? InputExample.FileName : null,
            MlService = new MlServiceSection { Files = ModelDirectory.HashFiles(dir) },
        }.Save(dir);
        return dir;
    }

    public sealed class FakeModel(string text) : ILoadedModel
    {
        public bool Disposed { get; private set; }
        public ModelSignature Signature { get; } = new([new FieldSpec("x", DataKind.Float64)], [new FieldSpec("y", DataKind.String)]);

        public Frame Predict(Frame input)
        {
            if (text == "throws") throw new InvalidOperationException("fake model failed at predict");
            return new Frame(input.RowCount, [new FrameColumn("y", DataKind.String, Enumerable.Repeat<string?>(text, input.RowCount).ToArray())]);
        }

        public void Dispose() => Disposed = true;
    }
}
