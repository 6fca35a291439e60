namespace MlService.Benchmarks.Ceiling;

/// <summary>The outputs MlService returns for the heart-disease model, same names and JSON types.</summary>
public sealed record CeilingPrediction(bool PredictedLabel, float Score, float Probability)
{
    /// <summary>A fixed answer with as many digits as a real one, so the response has the service's size.</summary>
    public static readonly CeilingPrediction Fixed = new(false, -1.2345678f, 0.22546361f);
}
