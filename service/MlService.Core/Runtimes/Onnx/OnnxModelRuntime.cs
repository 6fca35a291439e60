using MlService.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Loads MLflow's <c>onnx</c> flavor (<c>data: model.onnx</c>) on ONNX Runtime's CPU provider, and bare
/// <c>.onnx</c> files through <see cref="LoadFile"/>. The session is created from the file path, so weights
/// saved as external data next to the model (MLflow's default) load too.
/// </summary>
public sealed class OnnxModelRuntime : IModelRuntime
{
    public const string FlavorName = "onnx";
    public const string DefaultFileName = "model.onnx";

    public string Flavor => FlavorName;

    public ILoadedModel Load(ModelDirectory directory)
    {
        var flavor = directory.MlModel.Flavors.GetValueOrDefault(FlavorName) ?? new Dictionary<string, object?>();
        var file = directory.Resolve(directory.MlModel.FlavorData(FlavorName) ?? DefaultFileName);
        return Open(file, OnnxSessionSettings.FromFlavor(flavor), directory.MlModel.Signature);
    }

    /// <summary>Loads an <c>.onnx</c> file that has no MLmodel; the signature comes from the graph.</summary>
    public static ILoadedModel LoadFile(string path, OnnxSessionSettings? settings = null) =>
        Open(Path.GetFullPath(path), settings ?? OnnxSessionSettings.Default, ModelSignature.Empty);

    /// <summary>A model directory for a bare <c>.onnx</c> file, so it loads like any other model (see <see cref="BareModelFile"/>).</summary>
    public static ModelDirectory DirectoryFor(string onnxFile) => BareModelFile.Describe(onnxFile);

    private static ILoadedModel Open(string file, OnnxSessionSettings settings, ModelSignature declared)
    {
        var name = Path.GetFileName(file);
        if (!File.Exists(file)) throw new ModelLoadException($"ONNX model file '{name}' is missing");

        InferenceSession session;
        using (var options = settings.CreateSessionOptions())
        {
            try
            {
                session = new InferenceSession(file, options);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelLoadException($"'{name}' is not a loadable ONNX model: {e.Message}", e);
            }
        }
        try
        {
            var graph = OnnxGraph.Describe(session);
            var signature = OnnxSignatures.Resolve(declared, graph);
            var feeds = InputFeed.Plan(graph.Inputs, signature.Inputs);
            return new OnnxLoadedModel(session, graph, feeds, signature);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
