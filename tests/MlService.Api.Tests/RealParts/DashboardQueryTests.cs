namespace MlService.Api.Tests.RealParts;

/// <summary>
/// The Grafana dashboard and the Prometheus rules a load tester reads, against a real Prometheus that scrapes the
/// running service under load: every panel query and every recording rule must return data, and every rule must
/// evaluate without error. A query naming a metric the service does not export, or a label it does not set,
/// returns nothing and fails here.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class DashboardQueryTests(TrainedModels models)
{
    private static readonly string DashboardFile = Path.Combine(RepositoryPaths.Root, "compose", "grafana", "dashboards", "mlservice.json");
    private static readonly string RulesFile = Path.Combine(RepositoryPaths.Root, "compose", "prometheus", "rules", "mlservice.rules.yml");
    private const string CgroupDir = "sys/fs/cgroup";

    [Fact]
    public async Task EveryPanelQueryAndRecordingRuleReturnsDataFromTheServiceUnderLoad()
    {
        // A process on the host has no CPU or memory limit (its container series are absent by design), so a fake
        // cgroup tree stands in for a 1 CPU / 256 MiB container; the load advances its counters as the kernel would.
        using var cgroup = FakeCgroupTree.V2("/kubepods.slice/pod1.slice/cri-abc.scope", mountRoot: "/kubepods.slice/pod1.slice/cri-abc.scope")
            .Write($"{CgroupDir}/memory.max", "268435456\n")
            .Write($"{CgroupDir}/cpu.max", "100000 100000\n");
        var kernel = new FakeKernelCounters(cgroup);
        kernel.Advance();
        await using var service = await ServiceProcess.StartAsync(models.HeartDiseaseProcess(ServiceEnvironment.UniqueCacheFolder(), ("MLSERVICE_CGROUP_ROOT", cgroup.Root)));
        using var client = await service.ReadyClientAsync();
        await using var prometheus = await PrometheusProcess.StartAsync(service.BaseAddress.Authority, [RulesFile]);

        using var stop = new CancellationTokenSource();
        // The first sender also plays the kernel: the counters move as requests are served, so every scrape under
        // load sees them grow (what rate() needs) without a timer of their own.
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(n => SendAsync(client, n == 0 ? kernel.Advance : null, stop.Token)));
        try
        {
            var queries = PanelQueries();
            Assert.True(queries.Count >= 12, $"the dashboard has only {queries.Count} queries");
            foreach (var (panel, refId, expr) in queries)
            {
                await Eventually.ReturnsAsync(async () => PrometheusProcess.FiniteValues(await prometheus.QueryAsync(expr)).Count,
                    n => n > 0, TimeSpan.FromSeconds(60), $"panel '{panel}' query {refId} to return data: {expr}");
            }

            var rules = await Eventually.ReturnsAsync(() => RulesAsync(prometheus), r => r.Count > 0 && r.All(x => x.Health == "ok"),
                TimeSpan.FromSeconds(60), "every rule evaluated without error");
            Assert.Contains(rules, r => r.Type == "alerting");
            foreach (var rule in rules.Where(r => r.Type == "recording"))
            {
                await Eventually.ReturnsAsync(async () => PrometheusProcess.FiniteValues(await prometheus.QueryAsync(rule.Name)).Count,
                    n => n > 0, TimeSpan.FromSeconds(60), $"recording rule {rule.Name} to return data");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }
    }

    /// <summary>Every panel's queries with Grafana's variables filled as the dashboard's defaults fill them (job: All).</summary>
    private static List<(string Panel, string RefId, string Expr)> PanelQueries()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        var panels = dashboard["panels"]!.AsArray().SelectMany(p => (p!["panels"]?.AsArray() ?? []).Prepend(p));
        var queries = new List<(string, string, string)>();
        foreach (var panel in panels.Where(p => p!["targets"] is not null))
        {
            foreach (var target in panel!["targets"]!.AsArray())
            {
                var expr = ((string)target!["expr"]!).Replace("$__rate_interval", "1m").Replace("$job", ".+");
                Assert.DoesNotContain("$", expr);
                queries.Add(((string)panel["title"]!, (string)target["refId"]!, expr));
            }
        }
        return queries;
    }

    private sealed record Rule(string Name, string Type, string Health);

    private static async Task<List<Rule>> RulesAsync(PrometheusProcess prometheus)
    {
        var groups = JsonNode.Parse(await prometheus.Api.GetStringAsync("/api/v1/rules"))!["data"]!["groups"]!.AsArray();
        return groups.SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => new Rule((string)r!["name"]!, (string)r["type"]!, (string)r["health"]!)).ToList();
    }

    /// <summary>
    /// Successful predictions with a bad body (422) and an unknown route (404) mixed in, until stopped; calls
    /// <paramref name="every20"/> after every 20th request.
    /// </summary>
    private static async Task SendAsync(HttpClient client, Action? every20, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (i % 20 == 0) every20?.Invoke();
            try
            {
                using var response = i % 20 == 19 ? await client.GetAsync("/no-such-route", stop)
                    : await client.PostJsonAsync("/predict", i % 10 == 9 ? "{}" : TrainedModels.HeartRow());
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>The kernel's side of the fake cgroup: CFS periods, some throttled, and memory usage, advanced as the load runs.</summary>
    private sealed class FakeKernelCounters(FakeCgroupTree tree)
    {
        private long _periods;

        public void Advance()
        {
            _periods += 25;
            // Replaced, not rewritten in place: the service may read the file at any moment.
            Replace("cpu.stat", $"usage_usec {_periods * 50_000}\nnr_periods {_periods}\nnr_throttled {_periods / 5}\nthrottled_usec {_periods * 2_000}\n");
            // Moves between 100 and 116 MiB, far under the 256 MiB limit: however long the load runs, memory
            // admission never sees the fake pod near its limit.
            Replace("memory.current", $"{(100 << 20) + _periods % 4000 * 4096}\n");
        }

        private void Replace(string file, string content)
        {
            var path = Path.Combine(tree.Root, CgroupDir, file);
            File.WriteAllText(path + ".new", content);
            File.Move(path + ".new", path, overwrite: true);
        }
    }
}
