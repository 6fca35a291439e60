using BenchmarkDotNet.Running;
using MlService.Benchmarks.Ceiling;

namespace MlService.Benchmarks;

/// <summary>
/// <c>ceiling [--urls ...]</c> runs the bare Kestrel endpoint of the end-to-end benchmark; anything else goes to
/// BenchmarkDotNet (e.g. <c>--filter '*' --job short</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "ceiling") return await CeilingServer.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
