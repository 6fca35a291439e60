namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// What the MLflow stand-in remembers: experiments, runs, registered models with their versions and aliases, and
/// the artifact files behind the artifacts proxy. One lock keeps it simple; tests are not hot paths.
/// </summary>
public sealed class MlflowStandInState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _experimentsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredModel> _models = new(StringComparer.Ordinal);

    /// <summary>Artifact files by path under the proxy root (e.g. <c>1/&lt;run&gt;/artifacts/model/MLmodel</c>).</summary>
    public ConcurrentDictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Where model versions created without an explicit source point at: the artifacts proxy (as with <c>--serve-artifacts</c>).</summary>
    public string ArtifactScheme { get; set; } = "mlflow-artifacts:";

    public sealed class RegisteredModel(string name, long created)
    {
        public string Name { get; } = name;
        public long Created { get; } = created;
        public List<JsonObject> Versions { get; } = [];
        public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);
    }

    public T Locked<T>(Func<T> action)
    {
        lock (_gate) return action();
    }

    public JsonObject? ExperimentByName(string name) => Locked(() => _experimentsByName.GetValueOrDefault(name));

    public JsonObject? ExperimentById(string id) => Locked(() => _experimentsByName.Values.FirstOrDefault(e => (string?)e["experiment_id"] == id));

    /// <summary>Creates an experiment whose artifact location is the proxy, as a server started with <c>--serve-artifacts</c> does.</summary>
    public JsonObject? CreateExperiment(string name) => Locked(() =>
    {
        if (_experimentsByName.ContainsKey(name)) return null;
        var id = (_experimentsByName.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var experiment = new JsonObject
        {
            ["experiment_id"] = id,
            ["name"] = name,
            ["artifact_location"] = $"{ArtifactScheme}/{id}",
            ["lifecycle_stage"] = "active",
        };
        _experimentsByName[name] = experiment;
        return experiment;
    });

    public JsonObject CreateRun(JsonObject experiment, string? runName, long startTime) => Locked(() =>
    {
        var id = Guid.NewGuid().ToString("N");
        var run = new JsonObject
        {
            ["info"] = new JsonObject
            {
                ["run_id"] = id,
                ["run_uuid"] = id,
                ["experiment_id"] = experiment["experiment_id"]!.GetValue<string>(),
                ["run_name"] = runName ?? id[..8],
                ["status"] = "RUNNING",
                ["start_time"] = startTime,
                ["artifact_uri"] = $"{experiment["artifact_location"]}/{id}/artifacts",
                ["lifecycle_stage"] = "active",
            },
            ["data"] = new JsonObject { ["metrics"] = new JsonArray(), ["params"] = new JsonArray(), ["tags"] = new JsonArray() },
        };
        _runs[id] = run;
        return run;
    });

    public JsonObject? Run(string id) => Locked(() => _runs.GetValueOrDefault(id));

    public RegisteredModel? Model(string name) => Locked(() => _models.GetValueOrDefault(name));

    public RegisteredModel? CreateModel(string name, long now) => Locked(() =>
    {
        if (_models.ContainsKey(name)) return null;
        return _models[name] = new RegisteredModel(name, now);
    });
}
