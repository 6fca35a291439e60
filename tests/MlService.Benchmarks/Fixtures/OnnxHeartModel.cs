using MlService.Core.Frames;
using MlService.Core.Runtimes;
using MlService.Core.Runtimes.Onnx;
using MlService.Core.Signatures;
using MlService.TestSupport.Onnx;

namespace MlService.Benchmarks.Fixtures;

/// <summary>
/// A heart-disease-sized ONNX model the way skl2onnx writes a logistic regression: <c>float_input [-1, 13]</c>,
/// LinearClassifier with logistic post-transform and ZipMap probabilities. Written to a temp file and loaded by the
/// ONNX runtime; deleted on dispose.
/// </summary>
public sealed class OnnxHeartModel : IDisposable
{
    public const int Features = 13;
    private readonly string _file;

    private OnnxHeartModel(string file, ILoadedModel model)
    {
        _file = file;
        Model = model;
    }

    public ILoadedModel Model { get; }

    public static OnnxHeartModel Create()
    {
        var weights = Enumerable.Range(0, Features).Select(i => (i % 3 - 1) * 0.05f * (i + 1)).ToArray();
        var file = Path.Combine(Path.GetTempPath(), "mlservice-bench-" + Guid.NewGuid().ToString("N") + ".onnx");
        new OnnxModelBuilder()
            .Opset("ai.onnx.ml", 1)
            .Input("float_input", OnnxElement.Float, -1, Features)
            .Node("LinearClassifier", ["float_input"], ["output_label", "scores"], "ai.onnx.ml",
                OnnxAttribute.Floats("coefficients", [.. weights.Select(w => -w), .. weights]),
                OnnxAttribute.Floats("intercepts", 0.4f, -0.4f),
                OnnxAttribute.Ints("classlabels_ints", 0, 1),
                OnnxAttribute.String("post_transform", "LOGISTIC"))
            .Node("ZipMap", ["scores"], ["output_probability"], "ai.onnx.ml", OnnxAttribute.Ints("classlabels_int64s", 0, 1))
            .Output("output_label", OnnxElement.Int64, -1)
            .MapSequenceOutput("output_probability", OnnxElement.Int64)
            .Save(file);
        return new OnnxHeartModel(file, OnnxModelRuntime.LoadFile(file));
    }

    /// <summary>An input frame of <paramref name="rows"/> generated rows, as the V2/tensor codecs hand it to the runtime.</summary>
    public static Frame Input(int rows)
    {
        var values = new float[rows * Features];
        var random = new Random(7);
        for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 200);
        return new Frame(rows, [new FrameColumn("float_input", DataKind.Float32, values, Features, shape: [Features])]);
    }

    public void Dispose()
    {
        Model.Dispose();
        File.Delete(_file);
    }
}
