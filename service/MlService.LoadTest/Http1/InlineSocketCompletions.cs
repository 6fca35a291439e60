namespace MlService.LoadTest.Http1;

/// <summary>
/// Lets the raw client's socket continuations (parse the answer, record it, send the next request) run on the
/// runtime's socket event threads, one per core, instead of hopping to the thread pool. Measured on the 2-core
/// machine against one MlService: about half the client CPU per request with one connection and a quarter less with 64,
/// CPU the server gets instead; the continuations are short and never block. The runtime reads the variable once,
/// at the process's first socket operation, so this runs before any connection; a value the user set wins.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null) Environment.SetEnvironmentVariable(Variable, "1");
    }
}
