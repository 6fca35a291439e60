using MlService.Core.Models;
using MlService.Core.Runtimes;
using MlService.Core.Runtimes.MlNet;
using MlService.Trainer.Data;
using MlService.Trainer.Training;

namespace MlService.Benchmarks.Fixtures;

/// <summary>
/// The demo model as the service serves it: 303 generated rows, trained by the real trainer, written as a model
/// directory and loaded by the ML.NET runtime. Built once per benchmark process; the directory is deleted on dispose.
/// </summary>
public sealed class HeartDiseaseModel : IDisposable
{
    private readonly string _root;

    private HeartDiseaseModel(string root, ModelDirectory directory, ILoadedModel model)
    {
        _root = root;
        Directory = directory;
        Model = model;
    }

    public ModelDirectory Directory { get; }
    public ILoadedModel Model { get; }

    public static HeartDiseaseModel Train()
    {
        var root = Path.Combine(Path.GetTempPath(), "mlservice-bench-" + Guid.NewGuid().ToString("N"));
        var csv = Path.Combine(root, "heart.csv");
        HeartDiseaseDataGenerator.Write(csv);
        var result = ModelTrainer.Train(new TrainRequest(csv, "target", Path.Combine(root, "model")) { Task = TrainTask.Binary });
        var directory = ModelDirectory.Open(result.Directory);
        return new HeartDiseaseModel(root, directory, new MlNetModelRuntime().Load(directory));
    }

    public void Dispose()
    {
        Model.Dispose();
        System.IO.Directory.Delete(_root, recursive: true);
    }
}
