using Microsoft.ML;
using MlService.Trainer.Training;

namespace MlService.Core.Tests.Runtimes.MlNet;

public sealed class ModelWithoutInputSchemaTests
{
    [Fact]
    public void AZipSavedWithoutItsInputSchemaFailsToLoadWithAMessageSayingSo()
    {
        using var trained = new TrainedModel(SyntheticCsv.Linear(60), "y");
        using var temp = new TempDirectory();
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(trained.Directory.Resolve("model.zip"), out _);
        ml.Model.Save(transformer, null, temp.Combine("model.zip"));
        trained.Directory.MlModel.Save(temp.Path);

        var error = Assert.Throws<ModelLoadException>(() => new MlNetModelRuntime().Load(ModelDirectory.Open(temp.Path)));

        Assert.Contains("without its input schema", error.Message);
        Assert.Equal(TrainTask.Regression, trained.Result.Task);
    }
}
