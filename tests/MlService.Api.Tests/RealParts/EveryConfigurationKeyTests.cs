namespace MlService.Api.Tests.RealParts;

/// <summary>
/// Every documented key fed a wrong value: the real process ends with exit code 2 and one line naming the key,
/// never a stack trace. The processes start together (at most four at a time) when the first row runs.
/// </summary>
public sealed class EveryConfigurationKeyTests
{
    private static readonly SemaphoreSlim Slots = new(4);

    private static readonly Lazy<IReadOnlyDictionary<string, Task<(int ExitCode, string Output)>>> Runs = new(() =>
        ConfigurationKeyCatalog.WrongValues.ToDictionary(k => k.Key, k => RunAsync(k.Key, k.Value)));

    public static TheoryData<string> WrongValueKeys => [.. ConfigurationKeyCatalog.WrongValues.Keys];

    [Fact]
    public void EveryDocumentedKeyHasAWrongValueOrAReasonWhyAnyTextIsAccepted()
    {
        var listed = ConfigurationKeyCatalog.WrongValues.Keys.Concat(ConfigurationKeyCatalog.AnyText.Keys).ToHashSet();

        var documented = ConfigurationKeyCatalog.DocumentedNames();

        Assert.Empty(documented.Except(listed));
        Assert.Empty(listed.Except(documented));
    }

    [Theory]
    [MemberData(nameof(WrongValueKeys))]
    public async Task AWrongValueEndsTheProcessWithExitCode2AndOneLineNamingTheKey(string key)
    {
        var (exitCode, output) = await Runs.Value[key];

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 2, $"exit {exitCode}:\n{output}");
        var line = Assert.Single(lines);
        Assert.StartsWith("mlservice: invalid configuration: ", line);
        Assert.Contains(ConfigurationKeyCatalog.WrongValues[key].Named, line);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", line);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("FALSE")]
    public async Task MlflowBooleanValuesAreAccepted(string value)
    {
        await using var service = await ServiceProcess.StartAsync(BaseEnvironment(("MLFLOW_S3_IGNORE_TLS", value)));
        using var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<(int, string)> RunAsync(string key, ConfigurationKeyCatalog.WrongValue wrong)
    {
        await Slots.WaitAsync();
        try
        {
            var environment = BaseEnvironment((key, wrong.Value));
            if (wrong.With is { } with) environment[with.Key] = with.Value;
            return await ServiceProcess.RunToExitAsync(environment);
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>A valid configuration apart from the one key; the model path need not exist (the process stops before loading).</summary>
    private static Dictionary<string, string?> BaseEnvironment((string Key, string Value) wrong) => new()
    {
        ["MODEL_URI"] = Path.Combine(Path.GetTempPath(), "mlservice-no-model"),
        ["MlService__Store__CacheDirectory"] = Path.Combine(Path.GetTempPath(), "mlservice-config-tests-cache"),
        [wrong.Key] = wrong.Value,
    };
}
