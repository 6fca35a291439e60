using static MlService.Deploy.Tests.Compose.ComposeFile;

namespace MlService.Deploy.Tests.Compose;

public sealed class ComposeTests
{
    [Fact]
    public void DebiansDockerComposeAcceptsTheFile()
    {
        var result = Run("config", "-q");

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public void DockerComposeRefusesToStartWithoutTheSecretsFromEnv()
    {
        // Without --env-file and with no compose/.env, the ${VAR:?} guards must stop compose.
        var empty = Path.Combine(Path.GetTempPath(), $"mlservice-empty-{Guid.NewGuid():N}.env");
        File.WriteAllText(empty, "");
        try
        {
            var result = ExternalTool.Run("docker-compose", ["-f", RepositoryPaths.ComposeFile, "--env-file", empty, "config", "-q"]);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("MINIO_ROOT_PASSWORD", result.StandardError + result.StandardOutput);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void StackHasEveryPieceOfTheProductionEmulation()
    {
        Assert.Equal(
            ["grafana", "lb", "loadtest", "minio", "minio-init", "mlflow", "mlservice", "prometheus",
             "trainer-datagen", "trainer-mlflow-publish", "trainer-mlflow-train", "trainer-publish", "trainer-train"],
            ServiceNames.Order(StringComparer.Ordinal));
        Assert.Equal(["loadtest"], List(Service("loadtest"), "profiles").Cast<string>());
        Assert.Equal(["mlflow"], List(Service("mlflow"), "profiles").Cast<string>());
        Assert.Equal(["monitoring"], List(Service("grafana"), "profiles").Cast<string>());
        Assert.Equal("3", Text(MapOrNull(Service("mlservice"), "deploy")!, "replicas"));
    }

    [Fact]
    public void ACrashedReplicaIsRestartedAndTheImageUsersBuildIsNeverPulled()
    {
        Assert.Equal("unless-stopped", Text(Service("mlservice"), "restart"));
        Assert.NotNull(MapOrNull(Service("mlservice"), "build"));
        foreach (var name in new[] { "trainer-datagen", "trainer-train", "trainer-publish", "loadtest" })
        {
            Assert.Equal(Text(Service("mlservice"), "image"), Text(Service(name), "image"));
            Assert.Equal("never", Text(Service(name), "pull_policy"));
        }
    }

    [Fact]
    public void TrainAndPublishOneShotsCanRunOnEveryUp()
    {
        Assert.Contains("--skip-unchanged", List(Service("trainer-train"), "command").Cast<string>());
        Assert.Contains("--skip-unchanged", List(Service("trainer-publish"), "command").Cast<string>());
    }

    [Fact]
    public void LocalOverrideSwapsOnlyImages()
    {
        var local = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(
            File.ReadAllText(Path.Combine(RepositoryPaths.Compose, "docker-compose.local.yml")));

        Assert.Equal(["services"], local.Keys.Cast<string>());
        foreach (var (name, service) in Map(local["services"]))
        {
            Assert.Contains((string)name, ServiceNames);
            Assert.Equal(["image"], Map(service).Keys.Cast<string>());
            Assert.StartsWith("localhost/standin-", Text(Map(service), "image"));
        }
    }

    [Fact]
    public void ServiceImageVariablesAreRealOptions()
    {
        foreach (var name in ServiceNames.Where(n => Images.IsService(Text(Service(n), "image") ?? "")))
        {
            var environment = MapOrNull(Service(name), "environment") ?? [];
            Assert.All(environment.Keys.Cast<string>(), key => Assert.True(KnownOptionKeys.IsServiceVariable(key),
                $"compose {name}: {key} is not an option of the service"));
        }
    }

    [Fact]
    public void MountedJsonConfigHoldsOnlyRealOptionKeys()
    {
        // docker-compose 1.29 prints volumes in the short form source:target:mode.
        var mount = List(Service("mlservice"), "volumes").Cast<string>()
            .Single(v => v.EndsWith(":/etc/mlservice/mlservice.json:ro", StringComparison.Ordinal));
        var environment = MapOrNull(Service("mlservice"), "environment")!;

        Assert.Equal("/etc/mlservice/mlservice.json", Text(environment, "MLSERVICE_CONFIG"));
        var keys = JsonConfigKeys.Flatten(File.ReadAllText(mount.Split(':')[0]));
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.True(KnownOptionKeys.IsOptionKey(k), $"compose config: {k} is not an option"));
    }

    [Fact]
    public void SecretsComeFromEnvFileSubstitutionNeverLiterals()
    {
        var raw = File.ReadAllLines(RepositoryPaths.ComposeFile).Select(l => l.Trim())
            .Where(l => !l.StartsWith('#') && l.Contains(':') && !l.StartsWith("- "));
        foreach (var line in raw.Where(l => SecretLooking.Key(l.Split(':')[0])))
        {
            Assert.Contains("${", line);
        }
    }

    [Fact]
    public void DependenciesWaitForHealthOrCompletionOfRealTargets()
    {
        foreach (var name in ServiceNames)
        {
            foreach (var (dependency, condition) in DependsOn(name))
            {
                var target = Service(dependency);
                switch (condition)
                {
                    case "service_healthy":
                        Assert.True(target.ContainsKey("healthcheck"), $"{name} waits for {dependency} to be healthy, which has no healthcheck");
                        break;
                    case "service_completed_successfully":
                        Assert.Equal("no", Text(target, "restart"));
                        break;
                    default:
                        Assert.Equal("service_started", condition);
                        break;
                }
            }
        }
        Assert.Equal("service_completed_successfully", DependsOn("mlservice")["trainer-publish"]);
        Assert.Equal("service_healthy", DependsOn("minio-init")["minio"]);
    }

    [Fact]
    public void LongRunningInfrastructureHasHealthchecks()
    {
        foreach (var name in new[] { "minio", "mlflow", "lb", "prometheus" })
        {
            var test = List(MapOrNull(Service(name), "healthcheck")!, "test").Cast<string>().ToList();
            Assert.Equal("CMD", test[0]);
        }
    }

    [Fact]
    public void HostPortsBindToLoopbackAndTheServiceIsReachedOnlyThroughTheBalancer()
    {
        foreach (var name in ServiceNames)
        {
            // docker-compose 1.29 prints ports as host_ip:published:target/protocol.
            Assert.All(List(Service(name), "ports").Cast<string>(), port => Assert.StartsWith("127.0.0.1:", port));
        }
        Assert.Empty(List(Service("mlservice"), "ports"));
        Assert.Equal([KnownRoutes.ContainerPort.ToString(), KnownRoutes.GrpcPort.ToString()], List(Service("mlservice"), "expose").Select(p => p.ToString()));
        Assert.Equal("127.0.0.1:8080:8080/tcp", List(Service("lb"), "ports").Single());
    }

    [Fact]
    public void BalancerAndPrometheusReachEveryReplicaOnTheServicePort()
    {
        var nginx = File.ReadAllText(Path.Combine(RepositoryPaths.Compose, "nginx", "nginx.conf"));
        var prometheus = File.ReadAllText(Path.Combine(RepositoryPaths.Compose, "prometheus", "prometheus.yml"));

        Assert.Contains("set $mlservice mlservice;", nginx);
        Assert.Contains($"proxy_pass http://$mlservice:{KnownRoutes.ContainerPort};", nginx);
        Assert.Contains("include /etc/nginx/conf.d/resolver.conf;", nginx);
        Assert.Contains("listen 8080;", nginx);
        Assert.Contains($"port: {KnownRoutes.ContainerPort}", prometheus);
        Assert.Contains("names: [\"mlservice\"]", prometheus);
        Assert.Contains("metrics_path: /metrics", prometheus);
        Assert.Contains("/metrics", KnownRoutes.GetPaths);
    }

    [Fact]
    public void DebiansNginxAcceptsTheBalancerConfigWithTheResolverTheEntrypointWrites()
    {
        var directory = Directory.CreateTempSubdirectory("mlservice-nginx-").FullName;
        try
        {
            var nginxDirectory = Path.Combine(RepositoryPaths.Compose, "nginx");
            var template = File.ReadAllText(Path.Combine(nginxDirectory, "resolver.conf.template"));
            var resolver = ExternalTool.Run("sh", ["-c", ". \"$0\" && echo \"$NGINX_CONTAINER_RESOLVER\"",
                Path.Combine(nginxDirectory, "docker-entrypoint.d", "15-container-resolver.envsh")]);
            File.WriteAllText(Path.Combine(directory, "resolver.conf"), template.Replace("${NGINX_CONTAINER_RESOLVER}", resolver.StandardOutput.Trim()));
            File.WriteAllText(Path.Combine(directory, "nginx.conf"), File.ReadAllText(Path.Combine(nginxDirectory, "nginx.conf"))
                .Replace("/etc/nginx/conf.d/resolver.conf", Path.Combine(directory, "resolver.conf")));

            var result = ExternalTool.Run("nginx", ["-t", "-c", Path.Combine(directory, "nginx.conf")]);

            Assert.Matches(@"^\S+$", resolver.StandardOutput.Trim());
            Assert.True(result.ExitCode == 0, result.StandardError);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void PromtoolAcceptsThePrometheusConfig()
    {
        var result = ExternalTool.Run("promtool", ["check", "config", Path.Combine(RepositoryPaths.Compose, "prometheus", "prometheus.yml")]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void ServiceDrainsWithinTheStopGracePeriod()
    {
        var service = Service("mlservice");
        var drain = int.Parse(Text(MapOrNull(service, "environment")!, "MlService__Shutdown__DrainDelaySeconds")!);

        Assert.Equal("45s", Text(service, "stop_grace_period"));
        Assert.True(drain < 45);
    }

    private static Dictionary<string, string> DependsOn(string service) =>
        (MapOrNull(Service(service), "depends_on") ?? [])
            .ToDictionary(d => (string)d.Key, d => Text(Map(d.Value), "condition")!);
}
