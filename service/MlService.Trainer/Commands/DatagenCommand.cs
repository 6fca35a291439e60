namespace MlService.Trainer.Commands;

/// <summary><c>datagen</c>: writes the synthetic heart-disease CSV.</summary>
public static class DatagenCommand
{
    public static Command Create(CliOutput output)
    {
        var outPath = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var rows = new Option<int>("--rows") { Description = "Number of rows", DefaultValueFactory = _ => 303 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same bytes", DefaultValueFactory = _ => 42 };
        var command = new Command("datagen",
            "Write a deterministic synthetic heart-disease CSV with the 13 UCI Cleveland columns and a binary target. " +
            $"Ground truth: {HeartDiseaseDataGenerator.GroundTruth}.")
        {
            outPath, rows, seed,
        };
        CommandAction.Set(command, output, async (parse, _) =>
        {
            var count = parse.GetValue(rows);
            if (count < 1) throw new ArgumentException($"--rows must be at least 1, got {count}");
            var path = parse.GetRequiredValue(outPath);
            HeartDiseaseDataGenerator.Write(path, count, parse.GetValue(seed));
            await output.Out.WriteLineAsync($"wrote {count} rows to {path}");
            return 0;
        });
        return command;
    }
}
