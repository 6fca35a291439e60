using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Reliability;

/// <summary>
/// Memory-aware admission: a request is shed with 503 + Retry-After before the server holds more request memory
/// than its memory limit can take. Env: <c>MlService__MemoryAdmission__InFlightPercent=25</c>,
/// <c>MlService__MemoryAdmission__BudgetBytes=268435456</c> (where no cgroup limit is set). Read once at start.
/// </summary>
public sealed class MemoryAdmissionOptions
{
    public const string SectionName = "MlService:MemoryAdmission";

    /// <summary>Off: no request is ever shed for memory (the concurrency limit still applies).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The memory limit to plan against when the cgroup sets none (bare metal, a pod without a limit); 0 = no
    /// memory admission there. A cgroup limit, when present, always wins: it is what the kernel enforces.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long BudgetBytes { get; set; }

    /// <summary>
    /// Share of the memory limit (percent) the request memory in flight may hold: the rest is the runtime, the
    /// models, and the garbage collector's headroom between collections.
    /// </summary>
    [Range(1, 90)]
    public int InFlightPercent { get; set; } = 25;

    /// <summary>
    /// Bytes of memory one request holds per byte of its body: the body buffer, the decoded frame (its rows) and
    /// the answer. Rows are counted through their bytes, because the body's size is known before it is read.
    /// </summary>
    [Range(1, 64)]
    public int BytesPerBodyByte { get; set; } = 4;

    /// <summary>Memory one request holds whatever its body (connection buffers, context, headers).</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int RequestOverheadBytes { get; set; } = 64 * 1024;

    /// <summary>The body size assumed for a chunked request, whose size is not known before it is read.</summary>
    [Range(0, int.MaxValue)]
    public int UnknownLengthBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The smallest cgroup memory limit the server accepts at start; below it the process exits with one line
    /// instead of being OOM-killed later. Default 80 MiB: the demo model's measured floor (docs/capacity.md);
    /// 0 = no check. A larger model needs a larger value.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MinimumLimitBytes { get; set; } = 80 * 1024 * 1024;

    /// <summary>
    /// Working set (usage minus inactive page cache, as the kubelet counts it) at or above this share of the limit
    /// (percent) sheds every new request while another is in flight; 0 = off.
    /// </summary>
    [Range(0, 100)]
    public int HighWaterPercent { get; set; } = 90;
}
