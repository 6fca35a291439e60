namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// Every place the image runs the trainer or the load tool by argument — Kubernetes containers, compose
/// commands, the Dockerfile's build-time training — as (where, program, arguments after the program).
/// </summary>
public static class ToolInvocations
{
    public const string Trainer = "mlservice-trainer.dll";
    public const string LoadTool = "mlservice-loadtest.dll";

    public sealed record Invocation(string Where, string Program, string[] Arguments)
    {
        public override string ToString() => $"{Where}: {Program} {string.Join(' ', Arguments)}";
    }

    public static IReadOnlyList<Invocation> All { get; } = Find().ToList();

    public static TheoryData<string> Of(string program) =>
        new(All.Where(i => i.Program == program).Select(i => i.ToString()));

    public static Invocation Parse(string text) => All.Single(i => i.ToString() == text);

    private static IEnumerable<Invocation> Find()
    {
        foreach (var target in Kustomize.Targets)
        {
            foreach (var w in Workload.In(Kustomize.Objects(target)))
            {
                foreach (var c in w.AllContainers.Where(c => Images.IsService(c.Image) && c.Args is { Count: > 0 }))
                {
                    if (c.Args[0] is Trainer or LoadTool)
                    {
                        yield return new($"{target} {w.Id}/{c.Name}", c.Args[0], c.Args.Skip(1).ToArray());
                    }
                }
            }
        }
        foreach (var name in ComposeFile.ServiceNames)
        {
            var command = ComposeFile.List(ComposeFile.Service(name), "command").Cast<string>().ToList();
            if (command.Count > 0 && command[0] is Trainer or LoadTool)
            {
                yield return new($"compose {name}", command[0], command.Skip(1).ToArray());
            }
        }
        // RUN lines of the Dockerfile, continuation lines joined, one invocation per `&&` segment.
        var dockerfile = File.ReadAllText(RepositoryPaths.Dockerfile).Replace("\\\n", " ");
        foreach (var segment in dockerfile.Split('\n').Where(l => l.StartsWith("RUN ")).SelectMany(l => l[4..].Split("&&")))
        {
            var words = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 1 && words[0] == "dotnet" && Path.GetFileName(words[1]) is Trainer or LoadTool)
            {
                yield return new("Dockerfile", Path.GetFileName(words[1]), words[2..]);
            }
        }
    }
}
