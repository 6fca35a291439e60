using MlService.Core.Errors;
using MlService.Core.Models;

namespace MlService.Core.Runtimes;

/// <summary>Picks the runtime for a model directory by its MLmodel flavors.</summary>
public sealed class ModelRuntimes(IEnumerable<IModelRuntime> runtimes)
{
    private readonly IReadOnlyList<IModelRuntime> _runtimes = runtimes.ToList();

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
