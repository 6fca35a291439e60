using MlService.Core.Models;

namespace MlService.Core.Runtimes;

/// <summary>
/// Picks the runtime for a model directory by its MLmodel flavors. Runtimes are taken in registration order, most
/// specific first (a model directory may carry several flavors); a later runtime for a flavor already registered
/// replaces the earlier one in its place (how a test swaps in a faulty runtime).
/// </summary>
public sealed class ModelRuntimes
{
    private readonly IReadOnlyList<IModelRuntime> _runtimes;

    public ModelRuntimes(IEnumerable<IModelRuntime> runtimes)
    {
        var list = new List<IModelRuntime>();
        foreach (var runtime in runtimes)
        {
            var same = list.FindIndex(r => r.Flavor == runtime.Flavor);
            if (same >= 0) list[same] = runtime;
            else list.Add(runtime);
        }
        _runtimes = list;
    }

    public IEnumerable<string> Flavors => _runtimes.Select(r => r.Flavor);

    public IModelRuntime For(ModelDirectory directory)
    {
        var flavor = directory.MlModel.PrimaryFlavor(Flavors);
        if (flavor is null)
        {
            var present = string.Join(", ", directory.MlModel.Flavors.Keys);
            throw new ModelLoadException($"no runtime for this model's flavors ({(present.Length == 0 ? "none" : present)}); supported: {string.Join(", ", Flavors)}");
        }
        return _runtimes.First(r => r.Flavor == flavor);
    }

    public ILoadedModel Load(ModelDirectory directory) => For(directory).Load(directory);
}
