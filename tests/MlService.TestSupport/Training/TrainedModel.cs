using MlService.Core.Models;
using MlService.Core.Runtimes;
using MlService.Core.Runtimes.MlNet;
using MlService.Trainer.Training;

namespace MlService.TestSupport.Training;

/// <summary>Trains a model from CSV text with the real trainer and loads it through the real ML.NET runtime.</summary>
public sealed class TrainedModel : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TrainedModel(string csv, string label, TrainTask? task = null, double testFraction = 0.2)
    {
        Csv = csv;
        var data = _temp.WriteFile("data.csv", csv);
        Result = ModelTrainer.Train(new TrainRequest(data, label, _temp.Combine("model")) { Task = task, TestFraction = testFraction });
        Directory = ModelDirectory.Open(Result.Directory);
        Loaded = new MlNetModelRuntime().Load(Directory);
    }

    public string Csv { get; }
    public TrainResult Result { get; }
    public ModelDirectory Directory { get; }
    public ILoadedModel Loaded { get; }

    public void Dispose()
    {
        Loaded.Dispose();
        _temp.Dispose();
    }
}
