using MlService.LoadTest.Cli;
using MlService.Trainer;
using MlService.Trainer.Commands;

namespace MlService.Deploy.Tests.Container;

/// <summary>Arguments written into manifests are only checked by a cluster at run time; here the real CLIs parse them.</summary>
public sealed class ToolArgumentTests
{
    public static TheoryData<string> TrainerInvocations => ToolInvocations.Of(ToolInvocations.Trainer);
    public static TheoryData<string> LoadToolInvocations => ToolInvocations.Of(ToolInvocations.LoadTool);

    [Theory]
    [MemberData(nameof(TrainerInvocations))]
    public void TrainerArgumentsParseWithTheRealTrainerCli(string invocation)
    {
        var args = ToolInvocations.Parse(invocation).Arguments;
        var output = new CliOutput(new StringWriter(), new StringWriter());

        var parse = TrainerCli.Build(output).Parse(args);

        Assert.True(parse.Errors.Count == 0, $"{invocation}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Theory]
    [MemberData(nameof(LoadToolInvocations))]
    public async Task LoadToolArgumentsBindWithTheRealLoadToolCli(string invocation)
    {
        var args = ToolInvocations.Parse(invocation).Arguments;
        var errors = new StringWriter();
        LoadOptions? bound = null;
        var command = LoadTestCommand.Create((options, _) => { bound = options; return Task.FromResult(0); }, errors);

        var parse = command.Parse(args);
        Assert.True(parse.Errors.Count == 0, $"{invocation}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        var exit = await parse.InvokeAsync();

        Assert.True(exit == 0 && bound is not null, $"{invocation}: {errors}");
        // In-cluster and compose targets are not loopback: without --allow-remote the tool would refuse to run.
        Assert.Contains("--allow-remote", args);
    }

    [Fact]
    public void EveryTrainingPipelineGeneratesTrainsAndPublishesWithTheProductionAlias()
    {
        var publishes = ToolInvocations.All.Where(i => i.Program == ToolInvocations.Trainer && i.Arguments[0] == "publish").ToList();

        Assert.Contains(ToolInvocations.All, i => i.Where == "Dockerfile" && i.Arguments[0] == "train");
        Assert.Contains(publishes, p => p.Where.StartsWith("compose "));
        Assert.Contains(publishes, p => p.Where.Contains("CronJob/mlservice-retrain"));
        Assert.Contains(publishes, p => p.Where.Contains("CronJob/mlservice-trainer"));
        Assert.All(publishes, p => Assert.Equal("production", p.Arguments[Array.IndexOf(p.Arguments, "--alias") + 1]));
        Assert.Equal(2, ToolInvocations.All.Count(i => i.Program == ToolInvocations.LoadTool));
    }
}
