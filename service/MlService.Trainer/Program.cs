using MlService.Trainer.Commands;

namespace MlService.Trainer;

/// <summary>
/// mlservice-trainer: datagen | train | publish | alias set|list|delete | list (see --help of each).
/// A namespaced Main rather than top-level statements, so test projects that reference several executables
/// do not see two global Program types.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => TrainerCli.RunAsync(args, CliOutput.Console);
}
