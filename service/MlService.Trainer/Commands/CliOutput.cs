namespace MlService.Trainer.Commands;

/// <summary>Where commands write results and errors (the console, or a buffer in tests).</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    public static CliOutput Console { get; } = new(System.Console.Out, System.Console.Error);
}
