namespace MlService.Api.Tests.Protocols.Infrastructure;

/// <summary>
/// ONNX model directories (model.onnx + an MLmodel with the <c>onnx</c> flavor, signature derived from the graph) written
/// by the tests into a temp folder, served beside the trained ML.NET models:
/// <c>iris</c> (LinearClassifier + ZipMap on a [-1, 4] float tensor), <c>example</c> (the V2 spec example's inputs),
/// <c>echo</c> (one Identity per V2 datatype) and <c>gather</c> (fails at run time for an index out of its table).
/// </summary>
public sealed class OnnxModelFiles : IDisposable
{
    public const string Iris = "iris";
    public const string Example = "example";
    public const string Echo = "echo";
    public const string Gather = "gather";

    public static readonly float[] GatherTable = [1.5f, 2.5f, 3.5f];

    /// <summary>The 13 V2 datatypes with the ONNX element type of each echo input (onnx.proto TensorProto.DataType).</summary>
    public static readonly (string Input, string Datatype, int OnnxType)[] EchoInputs =
    [
        ("b", "BOOL", OnnxElement.Bool), ("i8", "INT8", OnnxElement.Int8), ("i16", "INT16", 5), ("i32", "INT32", OnnxElement.Int32),
        ("i64", "INT64", OnnxElement.Int64), ("u8", "UINT8", OnnxElement.UInt8), ("u16", "UINT16", 4), ("u32", "UINT32", 12),
        ("u64", "UINT64", 13), ("f16", "FP16", OnnxElement.Float16), ("f32", "FP32", OnnxElement.Float), ("f64", "FP64", OnnxElement.Double),
        ("s", "BYTES", OnnxElement.String),
    ];

    public OnnxModelFiles()
    {
        Root = Directory.CreateTempSubdirectory("mlservice-protocol-onnx-").FullName;
        Write(Iris, OnnxTestModels.Iris());
        Write(Example, new OnnxModelBuilder()
            .Input("input0", 12, -1, 2)
            .Input("input1", OnnxElement.Bool, -1, 1)
            .Node("Cast", ["input0"], ["input0_float"], "", OnnxAttribute.Int("to", OnnxElement.Float))
            .Node("Cast", ["input1"], ["input1_float"], "", OnnxAttribute.Int("to", OnnxElement.Float))
            .Node("Add", ["input0_float", "input1_float"], ["output0"])
            .Node("Identity", ["input0"], ["output1"])
            .Output("output0", OnnxElement.Float, -1, 2)
            .Output("output1", 12, -1, 2));
        var echo = new OnnxModelBuilder();
        foreach (var (input, _, type) in EchoInputs)
            echo.Input(input, type, -1).Node("Identity", [input], [input + "_out"]).Output(input + "_out", type, -1);
        Write(Echo, echo);
        Write(Gather, new OnnxModelBuilder()
            .Input("idx", OnnxElement.Int64, -1)
            .Initializer("table", [3], GatherTable)
            .Node("Gather", ["table", "idx"], ["value"])
            .Output("value", OnnxElement.Float, -1));
    }

    public string Root { get; }

    public string PathOf(string model) => Path.Combine(Root, model);

    /// <summary>Configuration that serves every ONNX model here as models 2.. (0 and 1 are the trained ones).</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>();
        string[] names = [Iris, Example, Echo, Gather];
        for (var i = 0; i < names.Length; i++)
        {
            settings[$"MlService:Models:{i + 2}:Name"] = names[i];
            settings[$"MlService:Models:{i + 2}:Uri"] = PathOf(names[i]);
        }
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    private void Write(string name, OnnxModelBuilder model)
    {
        var directory = Directory.CreateDirectory(PathOf(name)).FullName;
        model.Save(Path.Combine(directory, "model.onnx"));
        File.WriteAllText(Path.Combine(directory, "MLmodel"), MlflowOnnxMlModel.Yaml());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
