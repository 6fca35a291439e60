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

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void ConfigMapAndSecretReferencesResolve(string target)
    {
        var objects = Kustomize.Objects(target);
        // Examples in namespace ml run next to the dev overlay and use its objects; prod's S3 Secret is created
        // by hand from k8s/base/secret-template.yaml (base alone leaves it to the overlay).
        var dev = Kustomize.Objects("k8s/overlays/dev");
        var external = target switch
        {
            "k8s/overlays/prod" => new[] { "mlservice-s3", "mlservice-api-keys" },
            "k8s/base" => ["mlservice-s3"],
            _ => [],
        };
        foreach (var w in Workload.In(objects))
        {
            var visible = w.Namespace == "ml" && target.StartsWith("k8s/examples/") ? objects.Concat(dev).ToList() : objects;
            var maps = visible.OfType<V1ConfigMap>().ToDictionary(m => m.Metadata.Name);
            var secrets = visible.OfType<V1Secret>().ToDictionary(m => m.Metadata.Name);
            var keys = secrets.ToDictionary(s => s.Key, s => (s.Value.Data?.Keys ?? []).Concat(s.Value.StringData?.Keys ?? []).ToHashSet());

            foreach (var c in w.AllContainers)
            {
                foreach (var from in c.EnvFrom ?? [])
                {
                    if (from.ConfigMapRef is { } m) Assert.True(maps.ContainsKey(m.Name), $"{target} {w.Id}: no ConfigMap {m.Name}");
                    if (from.SecretRef is { } r) Assert.True(secrets.ContainsKey(r.Name) || external.Contains(r.Name), $"{target} {w.Id}: no Secret {r.Name}");
                }
                foreach (var source in (c.Env ?? []).Select(e => e.ValueFrom).Where(v => v is not null))
                {
                    if (source.ConfigMapKeyRef is { } mk)
                        Assert.True(maps.TryGetValue(mk.Name, out var map) && map.Data.ContainsKey(mk.Key), $"{target} {w.Id}: no {mk.Name}/{mk.Key}");
                    if (source.SecretKeyRef is { } sk && !external.Contains(sk.Name))
                        Assert.True(keys.TryGetValue(sk.Name, out var k) && k.Contains(sk.Key), $"{target} {w.Id}: no Secret {sk.Name}/{sk.Key}");
                }
            }
            foreach (var volume in w.PodSpec.Volumes ?? [])
            {
                if (volume.ConfigMap is { } m) Assert.True(maps.ContainsKey(m.Name), $"{target} {w.Id}: volume ConfigMap {m.Name} missing");
                if (volume.Secret is { } sv) Assert.True(secrets.ContainsKey(sv.SecretName) || external.Contains(sv.SecretName), $"{target} {w.Id}: volume Secret {sv.SecretName} missing");
            }
        }
    }

    [Fact]
    public void TheProdOverlayRequiresApiKeysReadFromAMountedSecretFile()
    {
        var objects = Kustomize.Objects("k8s/overlays/prod");
        var env = objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name.StartsWith("mlservice-env", StringComparison.Ordinal)).Data;
        var container = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "mlservice").Spec.Template.Spec.Containers.Single();
        var config = container.Env.Single(e => e.Name == "MLSERVICE_CONFIG").Value.Split(':');
        var keysMount = container.VolumeMounts.Single(m => m.Name == "api-keys");

        Assert.Equal("true", env["MlService__Auth__Enabled"]);
        Assert.Equal(["/etc/mlservice/mlservice.json", "/etc/mlservice-keys/api-keys.json"], config);
        Assert.Null(keysMount.SubPath); // a subPath mount is never refreshed, so rotation would need a restart
        Assert.StartsWith(keysMount.MountPath + "/", config[1]);
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
    public void OptionKeyCheckRejectsATypoAndAcceptsIndexedKeys()
    {
        Assert.True(KnownOptionKeys.IsServiceVariable("MlService__Models__3__Uri"));
        Assert.True(KnownOptionKeys.IsServiceVariable("MODEL_URI"));
        Assert.False(KnownOptionKeys.IsServiceVariable("MlService__Store__PollIntervalSecond"));
        Assert.False(KnownOptionKeys.IsServiceVariable("MODEL_PATH"));
    }
}
