using MlService.Api.Containers;

namespace MlService.Api.Tests.Reliability;

/// <summary>Admission decisions against a fake v2 cgroup of 100 MiB (re-read on every decision: no refresh delay).</summary>
public sealed class MemoryAdmissionTests : IDisposable
{
    private const long Mib = 1024 * 1024;
    private const long Limit = 100 * Mib;
    private readonly FakeCgroupTree _tree = FakeCgroupTree.V2()
        .Write("sys/fs/cgroup/memory.max", $"{Limit}\n")
        .Write("sys/fs/cgroup/memory.current", $"{40 * Mib}\n");

    public void Dispose() => _tree.Dispose();

    private MemoryAdmission Admission(MemoryAdmissionOptions? options = null) =>
        new(options ?? new MemoryAdmissionOptions { InFlightPercent = 25 }, new CgroupMemoryReader(_tree.Root), TimeSpan.Zero);

    [Fact]
    public void RequestsBeyondTheInFlightShareOfTheLimitAreShedUntilOneLeaves()
    {
        var admission = Admission();

        Assert.Equal(25 * Mib, admission.BudgetBytes);
        Assert.Equal(MemoryVerdict.Admitted, admission.TryEnter(10 * Mib));
        Assert.Equal(MemoryVerdict.Admitted, admission.TryEnter(10 * Mib));
        Assert.Equal(MemoryVerdict.OverBudget, admission.TryEnter(10 * Mib));
        Assert.Equal(20 * Mib, admission.ReservedBytes);
        Assert.Equal(2, admission.InFlight);

        admission.Leave(10 * Mib);

        Assert.Equal(MemoryVerdict.Admitted, admission.TryEnter(10 * Mib));
        Assert.Equal(20 * Mib, admission.ReservedBytes);
    }

    [Fact]
    public void AtTheHighWaterMarkOnlyALoneRequestIsAdmittedUntilTheWorkingSetFalls()
    {
        var admission = Admission();
        _tree.Write("sys/fs/cgroup/memory.current", $"{95 * Mib}\n");

        Assert.Equal(MemoryVerdict.Admitted, admission.TryEnter(Mib));
        Assert.Equal(MemoryVerdict.HighWater, admission.TryEnter(Mib));

        // Page cache the kernel can drop does not count.
        _tree.Write("sys/fs/cgroup/memory.stat", $"inactive_file {20 * Mib}\n");
        Assert.Equal(MemoryVerdict.Admitted, admission.TryEnter(Mib));
    }

    [Fact]
    public void ARequestLargerThanTheWholeBudgetIsTooLargeEvenWhenIdle()
    {
        var admission = Admission();

        Assert.Equal(MemoryVerdict.TooLarge, admission.TryEnter(26 * Mib));
        Assert.Equal(0, admission.ReservedBytes);
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public void WithoutACgroupLimitTheConfiguredBudgetAppliesAndWithoutOneEverythingIsAdmitted()
    {
        _tree.Write("sys/fs/cgroup/memory.max", "max\n");

        var none = Admission();
        Assert.Null(none.BudgetBytes);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(MemoryVerdict.Admitted, none.TryEnter(100 * Mib)));

        var configured = Admission(new MemoryAdmissionOptions { BudgetBytes = 40 * Mib, InFlightPercent = 50 });
        Assert.Equal(20 * Mib, configured.BudgetBytes);
        Assert.Equal(MemoryVerdict.Admitted, configured.TryEnter(15 * Mib));
        Assert.Equal(MemoryVerdict.OverBudget, configured.TryEnter(15 * Mib));
    }

    [Theory]
    [InlineData(1000L, false, 64 * 1024 + 4 * 1000)]
    [InlineData(null, true, 64 * 1024 + 4 * 1024 * 1024)]
    [InlineData(null, false, 64 * 1024)]
    public void CostIsOverheadPlusBodyTimesFactorWithChunkedBodiesAssumed(long? contentLength, bool chunked, long expected)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentLength = contentLength;
        if (chunked) http.Request.Headers.TransferEncoding = "chunked";

        Assert.Equal(expected, Admission().CostOf(http.Request));
    }

    [Fact]
    public void TheStartUpFloorRefusesOnlyALimitBelowIt()
    {
        var validator = new MemoryFloorValidator(new CgroupMemoryReader(_tree.Root));

        Assert.True(validator.Validate(null, new MemoryAdmissionOptions()).Succeeded);
        var refused = validator.Validate(null, new MemoryAdmissionOptions { MinimumLimitBytes = 128 * Mib });
        Assert.True(refused.Failed);
        Assert.Contains("memory limit is 100 MiB, below the 128 MiB", refused.FailureMessage);
        Assert.True(validator.Validate(null, new MemoryAdmissionOptions { MinimumLimitBytes = 0 }).Succeeded);

        _tree.Write("sys/fs/cgroup/memory.max", "max\n");
        Assert.True(validator.Validate(null, new MemoryAdmissionOptions { MinimumLimitBytes = 128 * Mib }).Succeeded);
    }
}
