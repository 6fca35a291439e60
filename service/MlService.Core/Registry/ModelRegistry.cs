namespace MlService.Core.Registry;

/// <summary>
/// Every configured model by name, and which one is the default (<c>POST /predict</c>, <c>/invocations</c>).
/// The set of models is fixed at start; their versions change through <see cref="ServedModel.Swap"/>.
/// </summary>
public sealed class ModelRegistry
{
    private readonly Dictionary<string, ServedModel> _byName;

    public ModelRegistry(IReadOnlyList<ServedModel> models, string? defaultModel = null)
    {
        Models = models;
        _byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        Default = defaultModel is null ? models.FirstOrDefault() : _byName.GetValueOrDefault(defaultModel)
            ?? throw new ArgumentException($"default model '{defaultModel}' is not among the configured models");
    }

    public IReadOnlyList<ServedModel> Models { get; }
    public ServedModel? Default { get; }

    /// <summary>
    /// True when every configured model has a version serving, except models unloaded on request (an operator's choice, not
    /// a fault), and at least one model is serving.
    /// </summary>
    public bool AllReady => Models.Any(m => m.Current is not null) && Models.All(m => m.Current is not null || m.IsUnloaded);

    public ServedModel Get(string? name)
    {
        if (name is null) return Default ?? throw new ModelNotFoundException("no model is configured");
        return _byName.TryGetValue(name, out var model)
            ? model
            : throw new ModelNotFoundException($"model '{name}' is not served here; served: {string.Join(", ", _byName.Keys)}");
    }

    public bool TryGet(string name, out ServedModel model) => _byName.TryGetValue(name, out model!);
}
