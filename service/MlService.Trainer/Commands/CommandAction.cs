using MlService.Core.Errors;

namespace MlService.Trainer.Commands;

/// <summary>
/// Runs a command's body and turns the failures a user can cause (bad input, missing files, store refusals)
/// into one line on stderr and exit code 1; anything else is a bug and keeps its stack trace.
/// </summary>
public static class CommandAction
{
    public static void Set(Command command, CliOutput output, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (Exception e) when (IsUserError(e))
            {
                await output.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });

    private static bool IsUserError(Exception e) => e is ArgumentException or IOException or InvalidDataException
        or InvalidOperationException or FormatException or UnauthorizedAccessException or StoreUnavailableException
        or BlobNotFoundException or MlServiceException;
}
