namespace MlService.Trainer.Tests.Commands;

/// <summary>The compose one-shots run train and publish again on every `up`: with --skip-unchanged a re-run is a no-op.</summary>
public sealed class TrainerRerunTests
{
    [Fact]
    public async Task TrainWithSkipUnchangedKeepsACurrentModelAndRetrainsWhenTheDataChanges()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        var model = temp.Combine("model");
        HeartDiseaseDataGenerator.Write(data, 120, 1);
        string[] train = ["train", "--data", data, "--label", "target", "--out", model, "--skip-unchanged"];

        var first = await CliRun.Of(train);
        var firstUuid = MlModelFile.Load(model).ModelUuid;
        var again = await CliRun.Of(train);
        var sameUuid = MlModelFile.Load(model).ModelUuid;
        HeartDiseaseDataGenerator.Write(data, 150, 2);
        var changed = await CliRun.Of(train);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("is up to date (same data and settings): nothing to train", again.Out);
        Assert.Equal(firstUuid, sameUuid);
        Assert.Equal(0, changed.ExitCode);
        Assert.Contains("model written to", changed.Out);
        Assert.NotEqual(firstUuid, MlModelFile.Load(model).ModelUuid);
        ModelDirectory.Open(model).VerifyChecksums();
        Assert.False(Directory.Exists(model + ".training"));
    }

    [Fact]
    public async Task TrainWithSkipUnchangedNeverReplacesAFolderThatIsNotAModel()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        HeartDiseaseDataGenerator.Write(data, 120, 1);
        Directory.CreateDirectory(temp.Combine("notes"));
        File.WriteAllText(temp.Combine("notes", "todo.txt"), "mine");

        var run = await CliRun.Of("train", "--data", data, "--label", "target", "--out", temp.Combine("notes"), "--skip-unchanged");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds no MLmodel, so it is not a model to replace", run.Error);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("notes", "todo.txt")));
    }

    [Fact]
    public async Task PublishWithSkipUnchangedPublishesTheSameModelOnceAndTheNextModelAsTheNextVersion()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        var model = temp.Combine("model");
        var store = temp.Combine("store");
        HeartDiseaseDataGenerator.Write(data, 120, 1);
        await CliRun.Of("train", "--data", data, "--label", "target", "--out", model, "--skip-unchanged");
        string[] publish = ["publish", "--store", store, "--name", "heart-disease", "--model-dir", model, "--alias", "production", "--skip-unchanged"];

        var first = await CliRun.Of(publish);
        var again = await CliRun.Of(publish);
        HeartDiseaseDataGenerator.Write(data, 150, 2);
        await CliRun.Of("train", "--data", data, "--label", "target", "--out", model, "--skip-unchanged");
        var next = await CliRun.Of(publish);

        Assert.Contains("published heart-disease version 1", first.Out);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("heart-disease version 1 in", again.Out);
        Assert.Contains("already is this model: nothing published", again.Out);
        Assert.Contains("alias production -> 1", again.Out);
        Assert.Contains("published heart-disease version 2", next.Out);
        Assert.Contains("alias production -> 2", next.Out);
        Assert.False(Directory.Exists(Path.Combine(store, "heart-disease", "3")));
    }
}
