using System.Runtime.InteropServices;

namespace MlService.Api.Inference;

/// <summary>
/// The OOM demo's simulated native leak (<see cref="DemoOptions.LeakMiBPerPrediction"/>): each successful prediction
/// allocates that many MiB outside the managed heap, touches every page so it is resident, and never frees it.
/// Native on purpose: a managed leak hits the GC's heap hard limit (75 % of the container limit) first and dies by
/// OutOfMemoryException, while native growth runs into the cgroup limit and the kernel's OOM killer (exit 137).
/// Thread-safe.
/// </summary>
public sealed class DemoMemoryLeak
{
    private readonly ILogger<DemoMemoryLeak> _logger;
    private readonly long _bytesPerPrediction;
    private readonly List<IntPtr> _blocks = [];
    private long _retainedBytes;

    public DemoMemoryLeak(IOptions<DemoOptions> demo, ILogger<DemoMemoryLeak> logger)
    {
        _logger = logger;
        _bytesPerPrediction = demo.Value.LeakMiBPerPrediction * 1024L * 1024L;
        if (Enabled)
        {
            _logger.LogWarning("Demo: every successful prediction leaks {MiB} MiB of native memory " +
                "(MlService:Demo:LeakMiBPerPrediction); this process will be OOM-killed under a memory limit",
                demo.Value.LeakMiBPerPrediction);
        }
    }

    public bool Enabled => _bytesPerPrediction > 0;

    /// <summary>Native bytes leaked so far, all of them written once (resident).</summary>
    public long RetainedBytes => Interlocked.Read(ref _retainedBytes);

    /// <summary>Allocates and touches one more block, kept until the process dies.</summary>
    public void Leak()
    {
        // malloc (what AllocHGlobal is on Linux) maps large blocks lazily: only written pages count against the limit.
        var block = Marshal.AllocHGlobal((nint)_bytesPerPrediction);
        var page = Environment.SystemPageSize;
        for (var offset = 0; offset < _bytesPerPrediction; offset += page) Marshal.WriteByte(block, offset, 1);
        lock (_blocks) _blocks.Add(block);
        Interlocked.Add(ref _retainedBytes, _bytesPerPrediction);
    }
}
