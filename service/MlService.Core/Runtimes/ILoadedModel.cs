namespace MlService.Core.Runtimes;

/// <summary>
/// A model in memory. <see cref="Predict"/> must be safe to call from many threads at once; implementations
/// say next to their type how they achieve it.
/// </summary>
public interface ILoadedModel : IDisposable
{
    /// <summary>Inputs the model takes and outputs it returns, as served to clients.</summary>
    ModelSignature Signature { get; }

    /// <summary>
    /// Full shape of an output tensor as the model returns it (-1 for a variable dimension), e.g. [-1, 1] for an ONNX
    /// output whose signature is a column; null when the signature's shape already says it. Tensor protocols (V2) use it.
    /// </summary>
    IReadOnlyList<long>? OutputShape(string output) => null;

    /// <summary>Predicts every row of <paramref name="input"/>, already validated against <see cref="Signature"/>.</summary>
    Frame Predict(Frame input);
}
