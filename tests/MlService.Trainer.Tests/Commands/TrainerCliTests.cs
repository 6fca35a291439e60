using MlService.Core.Stores;

namespace MlService.Trainer.Tests.Commands;

public sealed class TrainerCliTests
{
    [Fact]
    public async Task DatagenThenTrainWritesAModelDirectoryAndPrintsMetrics()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");

        var datagen = await CliRun.Of("datagen", "--out", data, "--rows", "150", "--seed", "3");
        var train = await CliRun.Of("train", "--data", data, "--label", "target", "--out", temp.Combine("model"), "--task", "binary");

        Assert.Equal(0, datagen.ExitCode);
        Assert.Equal(HeartDiseaseDataGenerator.Generate(150, 3), File.ReadAllText(data));
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("task: binary, label: target (positive class: 1)", train.Out);
        Assert.Matches(@"auc: 0\.\d+", train.Out);
        Assert.True(File.Exists(temp.Combine("model", "MLmodel")));
    }

    [Theory]
    [InlineData(new[] { "train", "--data", "x.csv" }, "Option '--label' is required")]
    [InlineData(new[] { "train", "--data", "x.csv", "--label", "t", "--out", "o", "--task", "ranking" }, "ranking")]
    [InlineData(new[] { "datagen", "--out", "x.csv", "--rows", "many" }, "many")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task BadUsageExitsNonZeroWithOneLine(string[] args, string mention)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(mention, run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AMissingDataFileExitsOneWithTheFileNamed()
    {
        using var temp = new TempDirectory();

        var run = await CliRun.Of("train", "--data", temp.Combine("absent.csv"), "--label", "target", "--out", temp.Combine("m"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: data file '{temp.Combine("absent.csv")}' does not exist", run.Error.TrimEnd());
    }

    [Theory]
    [InlineData("train")]
    [InlineData("publish")]
    [InlineData("datagen")]
    public async Task HelpDescribesEachCommand(string command)
    {
        var run = await CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("--", run.Out);
        if (command == "datagen") Assert.Contains(HeartDiseaseDataGenerator.GroundTruth, run.Out.Replace("\n", " ").Replace("  ", " "));
    }

    [Fact]
    public async Task PublishNumbersVersionsSetsAliasesAndListShowsMetrics()
    {
        using var temp = new TempDirectory();
        var model = await TrainHeartModel(temp);
        var store = temp.Combine("store");

        var first = await CliRun.Of("publish", "--store", store, "--name", "heart-disease", "--model-dir", model, "--alias", "champion");
        var second = await CliRun.Of("publish", "--store", new Uri(store).AbsoluteUri, "--name", "heart-disease", "--model-dir", model);
        var setAlias = await CliRun.Of("alias", "set", "--store", store, "--name", "heart-disease", "--alias", "challenger", "--version", "2");
        var aliases = await CliRun.Of("alias", "list", "--store", store, "--name", "heart-disease");
        var list = await CliRun.Of("list", "--store", store);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("published heart-disease version 1", first.Out);
        Assert.Contains("published heart-disease version 2", second.Out);
        Assert.Equal(0, setAlias.ExitCode);
        Assert.Equal(["challenger -> 2", "champion -> 1"], aliases.Out.TrimEnd().Split('\n'));
        Assert.Matches(@"version 1  created \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  aliases: champion  task: binary  metrics: accuracy=\S+ auc=", list.Out);
        Assert.Contains("version 2", list.Out);
        var published = ModelDirectory.Open(Path.Combine(store, "heart-disease", "2"));
        published.VerifyChecksums();
    }

    [Fact]
    public async Task AliasToAMissingVersionIsRefused()
    {
        using var temp = new TempDirectory();
        var (_, store) = await PublishHeartModel(temp);

        var run = await CliRun.Of("alias", "set", "--store", store, "--name", "heart-disease", "--alias", "champion", "--version", "7");
        var delete = await CliRun.Of("alias", "delete", "--store", store, "--name", "heart-disease", "--alias", "champion");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no version 7", run.Error);
        Assert.Equal(1, delete.ExitCode);
        Assert.Contains("has no alias 'champion'", delete.Error);
    }

    [Fact]
    public async Task AHalfPublishedVersionWithoutMlModelIsNotListedAndNeverOverwritten()
    {
        using var temp = new TempDirectory();
        var (model, store) = await PublishHeartModel(temp);
        var partial = Path.Combine(store, "heart-disease", "2");
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "model.zip"), "an upload that never finished");

        var listed = await CliRun.Of("list", "--store", store, "--name", "heart-disease");
        var versions = await new ModelStore(new FileBlobStore(store)).ListVersionsAsync("heart-disease");
        var next = await CliRun.Of("publish", "--store", store, "--name", "heart-disease", "--model-dir", model);

        Assert.Contains("version 1", listed.Out);
        Assert.DoesNotContain("version 2", listed.Out);
        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.Contains("version 3", next.Out);
        Assert.Equal("an upload that never finished", File.ReadAllText(Path.Combine(partial, "model.zip")));
    }

    [Fact]
    public async Task PublishingADirectoryWithoutMlModelIsRefused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("empty"));

        var run = await CliRun.Of("publish", "--store", temp.Combine("store"), "--name", "m", "--model-dir", temp.Combine("empty"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no MLmodel file", run.Error);
        Assert.False(Directory.Exists(temp.Combine("store", "m")));
    }

    /// <summary>A trained heart-disease model published as version 1 of a store in <paramref name="temp"/>.</summary>
    private static async Task<(string Model, string Store)> PublishHeartModel(TempDirectory temp)
    {
        var model = await TrainHeartModel(temp);
        var store = temp.Combine("store");
        var run = await CliRun.Of("publish", "--store", store, "--name", "heart-disease", "--model-dir", model);
        Assert.Equal(0, run.ExitCode);
        return (model, store);
    }

    private static async Task<string> TrainHeartModel(TempDirectory temp)
    {
        var data = temp.Combine("heart.csv");
        HeartDiseaseDataGenerator.Write(data, 120, 1);
        var run = await CliRun.Of("train", "--data", data, "--label", "target", "--out", temp.Combine("model"));
        Assert.Equal(0, run.ExitCode);
        return temp.Combine("model");
    }
}
