namespace MlService.Trainer.Commands;

/// <summary>Options every store command shares, so they read the same in each --help.</summary>
public static class StoreCommandOptions
{
    public static Option<string> Store() =>
        new("--store") { Description = "Store root: a path, file:///path or s3://bucket/prefix", Required = true };

    public static Option<string> Name(bool required = true) =>
        new("--name") { Description = "Registered model name", Required = required };
}
