using System.Runtime.InteropServices;

namespace MlService.Api.Tests.Reliability;

/// <summary>Sends SIGTERM, what the kubelet sends a container to stop it (Process.Kill sends SIGKILL).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (kill(pid, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {pid} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled in the test project.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
