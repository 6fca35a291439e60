using System.Security.Cryptography;
using System.Text;

namespace MlService.Trainer.Training;

/// <summary>
/// What a trained model was made from: the sha256 of the data file plus every setting that changes the result
/// (label, task, name, seed, test fraction, ML.NET version). Written to MLmodel <c>metadata.training_fingerprint</c>
/// (MLflow's free-form metadata key), so <c>train --skip-unchanged</c> can tell that a model is already current.
/// </summary>
public static class TrainingFingerprint
{
    public const string MetadataKey = "training_fingerprint";

    public static string Compute(TrainRequest request)
    {
        if (!File.Exists(request.DataPath)) throw new FileNotFoundException($"data file '{request.DataPath}' does not exist", request.DataPath);
        using var data = File.OpenRead(request.DataPath);
        var dataHash = Convert.ToHexStringLower(SHA256.HashData(data));
        var settings = string.Join('\n',
            $"data-sha256={dataHash}",
            $"label={request.Label}",
            $"task={request.Task?.Name() ?? "inferred"}",
            $"name={request.Name}",
            $"seed={request.Seed.ToString(CultureInfo.InvariantCulture)}",
            $"test-fraction={request.TestFraction.ToString("R", CultureInfo.InvariantCulture)}",
            $"mlnet={ModelDirectoryWriter.MlNetVersion}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)));
    }

    /// <summary>The fingerprint recorded in the model directory's MLmodel, or null (no model, or trained without one).</summary>
    public static string? Read(string directory)
    {
        if (!File.Exists(Path.Combine(directory, MlModelFile.FileName))) return null;
        var metadata = MlModelFile.Load(directory).Raw.GetValueOrDefault("metadata") as Dictionary<object, object?>;
        return metadata?.GetValueOrDefault(MetadataKey)?.ToString();
    }
}
