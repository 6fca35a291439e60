using MlService.Core.Frames;
using MlService.Core.Signatures;

namespace MlService.Core.Runtimes;

/// <summary>
/// A model in memory. <see cref="Predict"/> must be safe to call from many threads at once; implementations
/// say next to their type how they achieve it.
/// </summary>
public interface ILoadedModel : IDisposable
{
    /// <summary>Inputs the model takes and outputs it returns, as served to clients.</summary>
    ModelSignature Signature { get; }

    /// <summary>Predicts every row of <paramref name="input"/>, already validated against <see cref="Signature"/>.</summary>
    Frame Predict(Frame input);
}
