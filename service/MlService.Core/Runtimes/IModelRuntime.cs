using MlService.Core.Models;

namespace MlService.Core.Runtimes;

/// <summary>
/// Loads model directories of one MLmodel flavor (<c>mlnet</c>, <c>onnx</c>). Registered as keyed services
/// by flavor name. Load may be slow and runs off the request path.
/// </summary>
public interface IModelRuntime
{
    /// <summary>MLmodel flavor this runtime loads.</summary>
    string Flavor { get; }

    /// <summary>Loads the model; throws <see cref="Errors.ModelLoadException"/> with the reason when it cannot.</summary>
    ILoadedModel Load(ModelDirectory directory);
}
