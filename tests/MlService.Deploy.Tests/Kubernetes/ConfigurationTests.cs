using k8s.Models;
using MlService.Deploy.Tests.Infrastructure;

namespace MlService.Deploy.Tests.Kubernetes;

public sealed class ConfigurationTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryVariableGivenToTheServiceImageIsARealOption(string target)
    {
        var objects = Kustomize.Objects(target);
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(m => m.Metadata.Name);
        foreach (var w in Workload.In(objects))
        {
            foreach (var c in w.AllContainers)
            {
                var names = (c.Env ?? []).Select(e => e.Name).ToList();
                foreach (var source in (c.EnvFrom ?? []).Where(s => s.ConfigMapRef is not null))
                {
                    Assert.True(configMaps.TryGetValue(source.ConfigMapRef.Name, out var map),
                        $"{target} {w.Id}: ConfigMap {source.ConfigMapRef.Name} is not part of the render");
                    names.AddRange(map!.Data.Keys);
                }
                var mustBeKnown = Images.IsService(c.Image) ? names : names.Where(KnownOptionKeys.ClaimsToBeServiceVariable);
                Assert.All(mustBeKnown, n => Assert.True(KnownOptionKeys.IsServiceVariable(n),
                    $"{target} {w.Id}/{c.Name}: {n} is not an option of the service"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void MountedJsonConfigHoldsOnlyRealOptionKeys(string target)
    {
        var files = Kustomize.Objects(target).OfType<V1ConfigMap>()
            .SelectMany(m => m.Data ?? new Dictionary<string, string>())
            .Where(d => d.Key == "mlservice.json");
        foreach (var (name, json) in files)
        {
            var keys = JsonConfigKeys.Flatten(json);
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.True(KnownOptionKeys.IsOptionKey(k), $"{target} {name}: {k} is not an option"));
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void ConfigMapsHoldNoSecrets(string target)
    {
        foreach (var map in Kustomize.Objects(target).OfType<V1ConfigMap>())
        {
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
            {
                Assert.False(SecretLooking.Key(key), $"{target} ConfigMap/{map.Metadata.Name}: {key} belongs in a Secret");
                Assert.False(SecretLooking.Value(value), $"{target} ConfigMap/{map.Metadata.Name}: {key} holds a credential");
                foreach (var jsonKey in key.EndsWith(".json") ? JsonConfigKeys.Flatten(value) : [])
                {
                    Assert.False(SecretLooking.Key(jsonKey), $"{target} ConfigMap/{map.Metadata.Name}: {jsonKey} belongs in a Secret");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void SecretVariablesComeFromSecretsNeverInline(string target)
    {
        foreach (var w in Workload.In(Kustomize.Objects(target)))
        {
            foreach (var e in w.AllContainers.SelectMany(c => c.Env ?? []).Where(e => SecretLooking.Key(e.Name)))
            {
                Assert.True(e.ValueFrom?.SecretKeyRef is not null, $"{target} {w.Id}: {e.Name} must come from a Secret");
            }
        }
    }

    [Fact]
    public void OptionKeysAreReadFromTheServicesOptionsClasses()
    {
        Assert.Contains("MlService:Models:N:Uri", KnownOptionKeys.BoundKeys);
        Assert.Contains("MlService:Store:S3:EndpointUrl", KnownOptionKeys.BoundKeys);
        Assert.Contains("MlService:Demo:FailLivenessAfterSeconds", KnownOptionKeys.BoundKeys);
        Assert.Contains("MODEL_URI", KnownOptionKeys.Aliases);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", KnownOptionKeys.Aliases);
    }

    [Fact]
    public void PlannedKeysAreRemovedFromTheStandInListOnceTheirOptionsClassExists()
    {
        Assert.Empty(KnownOptionKeys.PlannedKeys.Intersect(KnownOptionKeys.BoundKeys, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void OptionKeyCheckRejectsATypoAndAcceptsIndexedKeys()
    {
        Assert.True(KnownOptionKeys.IsServiceVariable("MlService__Models__3__Uri"));
        Assert.True(KnownOptionKeys.IsServiceVariable("MODEL_URI"));
        Assert.False(KnownOptionKeys.IsServiceVariable("MlService__Store__PollIntervalSecond"));
        Assert.False(KnownOptionKeys.IsServiceVariable("MODEL_PATH"));
    }
}
