namespace MlService.Core.Tests.Registry;

public sealed class ModelRuntimesTests
{
    [Fact]
    public void RuntimesKeepRegistrationOrderAndALaterOneForAFlavorReplacesTheEarlierInPlace()
    {
        var replacement = new FakeRuntime();
        var runtimes = new ModelRuntimes([new FakeRuntime(), new MlNetModelRuntime(), new OnnxModelRuntime(), replacement]);

        Assert.Equal(["fake", MlNetModelRuntime.FlavorName, OnnxModelRuntime.FlavorName], runtimes.Flavors);
        var root = Path.Combine(Path.GetTempPath(), "mlservice-runtimes-" + Guid.NewGuid().ToString("N"));
        try
        {
            var directory = ModelDirectory.Open(FakeRuntime.Publish(root, "constant"));
            Assert.Same(replacement, runtimes.For(directory));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
