using System.Net;
using MlService.LoadTest.Safety;

namespace MlService.LoadTest.Tests.Safety;

public class LoopbackGuardTests
{
    // Names resolve through this table only: the tests never touch DNS.
    private static readonly Dictionary<string, IPAddress[]> Names = new()
    {
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
        ["example.com"] = [IPAddress.Parse("93.184.215.14")],
        ["split.test"] = [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("192.168.1.20")],
        ["mapped.test"] = [IPAddress.Parse("::ffff:127.0.0.9")],
    };

    private static readonly LoopbackGuard Guard = new((host, _) =>
        Task.FromResult(Names.TryGetValue(host, out var addresses) ? addresses : throw new InvalidOperationException($"unexpected lookup of {host}")));

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.5.5.5:9000")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://mapped.test")]
    public async Task LoopbackTargetsAreAllowed(string target)
    {
        Assert.Null(await Guard.CheckAsync(new Uri(target), allowRemote: false, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://10.0.0.1:8080", "10.0.0.1")]
    [InlineData("http://example.com", "93.184.215.14")]
    [InlineData("http://split.test:8080", "192.168.1.20")]
    [InlineData("http://[2001:db8::1]:8080", "2001:db8::1")]
    public async Task RemoteTargetsAreRefusedNamingTheAddress(string target, string remoteAddress)
    {
        var refusal = await Guard.CheckAsync(new Uri(target), allowRemote: false, CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains(remoteAddress, refusal);
        Assert.Contains("--allow-remote", refusal);
    }

    [Theory]
    [InlineData("http://10.0.0.1:8080")]
    [InlineData("http://example.com")]
    public async Task AllowRemoteLetsRemoteTargetsThrough(string target)
    {
        Assert.Null(await Guard.CheckAsync(new Uri(target), allowRemote: true, CancellationToken.None));
    }

    [Fact]
    public async Task TheLoadClientRefusesToConnectToARemoteAddress()
    {
        // The check runs before any socket is opened, so nothing is sent to 10.0.0.1.
        using var client = MlService.LoadTest.Running.LoadHttpClient.Create(new MlService.LoadTest.Cli.LoadOptions());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://10.0.0.1:9/"));

        Assert.Contains("refusing to connect", error.Message + error.InnerException?.Message);
    }
}
