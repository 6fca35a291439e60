#!/usr/bin/env python3
"""Per-pod benchmark (make bench-pod): the real image under podman with --cpus/--memory, wrk on the host. For each
cell of the CPU x memory grid and each system -- MlService (the image as shipped), the bare Kestrel ceiling and
FastAPI + scikit-learn (today's twin and the lean variant), each in its own container under the same limits --
it measures time from `podman start` to ready, single-record req/s and p99, 1000-row rows/s, peak memory, OOM
kills and CFS throttling. Rounds are interleaved (round 1 of every cell and system, then round 2, ...) and the
table shows medians with the min-max spread. Run through bench-pod.sh, which builds the images first."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import bench
import payloads
from pod import Pod

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BEGIN, END = "<!-- bench-pod:begin -->", "<!-- bench-pod:end -->"
SYSTEMS = {"mlservice": "MlService", "ceiling": "Bare Kestrel ceiling", "fastapi-lean": "FastAPI lean", "fastapi": "FastAPI twin"}
DEFAULT_CELLS = "0.25x128,0.25x512,0.5x256,1x128,1x256,2x128,2x512"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cells", default=DEFAULT_CELLS, help="CPUxMiB cells, e.g. 0.25x128,1x256; 'grid' = 0.25,0.5,1,2 x 128,256,512")
    p.add_argument("--systems", default=",".join(SYSTEMS))
    p.add_argument("--variant", action="append", default=[], metavar="NAME:KEY=VALUE[,KEY=VALUE]",
                   help="an extra system mlservice-NAME: the image with these environment variables (e.g. gcws:DOTNET_gcServer=0); image=TAG runs another image")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--duration", type=int, default=10, help="seconds measured per load")
    p.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load before each measured load")
    p.add_argument("--server-warmup", type=int, default=5, help="seconds of single-record load right after ready, reported apart as the first seconds' rate (JIT tiering)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--port", type=int, default=18080, help="host port the containers publish on (127.0.0.1)")
    p.add_argument("--prefix", default="bench-pod-", help="container name prefix")
    p.add_argument("--image", default="localhost/mlservice:bench-pod")
    p.add_argument("--ceiling-image", default="localhost/mlservice-ceiling:bench-pod")
    p.add_argument("--fastapi-image", default="localhost/fastapi-sklearn:bench-pod")
    p.add_argument("--trainer", required=True, help="mlservice-trainer.dll (Release) for the data")
    p.add_argument("--out", default=str(HERE / "results" / "pod"))
    p.add_argument("--docs", default=None, help="markdown file whose bench-pod block receives the table (default: none)")
    p.add_argument("--label", default="", help="a line printed above the table (e.g. 'smoke run on a shared machine')")
    return p.parse_args()


def cells(spec):
    if spec == "grid":
        return [(c, m) for c in (0.25, 0.5, 1, 2) for m in (128, 256, 512)]
    return [(float(c), int(m)) for c, m in (cell.split("x") for cell in spec.split(",") if cell)]


def main(args):
    work = Path(tempfile.mkdtemp(prefix="mlservice-bench-pod-"))
    args.out, args.trainer = str(Path(args.out).resolve()), str(Path(args.trainer).resolve())
    args.docs = str(Path(args.docs).resolve()) if args.docs else None
    # conmon drops a file named "oom" into its working directory when a container is OOM-killed: keep it out of the checkout.
    os.chdir(work)
    trainer = ["dotnet", args.trainer]
    # The image's model is trained on datagen --rows 1000 --seed 42; FastAPI trains on the same rows. Bodies from seed 7.
    subprocess.run(trainer + ["datagen", "--rows", "1000", "--seed", "42", "--out", str(work / "heart.csv")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(trainer + ["datagen", "--rows", "1000", "--seed", "7", "--out", str(work / "payload.csv")], check=True, stdout=subprocess.DEVNULL)
    (work / "heart.csv").chmod(0o644)
    bodies = payloads.write_all(work / "payload.csv", work / "bodies")
    bench.ARGS = argparse.Namespace(python="/usr/bin/python3")
    results = {"machine": bench.machine(), "settings": vars(args), "started_at": now(), "runs": []}
    grid, systems = cells(args.cells), [s for s in args.systems.split(",") if s]
    systems += ["mlservice-" + v.split(":", 1)[0] for v in args.variant]
    for round_no in range(1, args.rounds + 1):
        for cpus, memory in grid:
            for system in systems:
                run = measure(system, cpus, memory, args, work, bodies)
                run.update(round=round_no, system=system, cpus=cpus, memory_mib=memory)
                results["runs"].append(run)
                print(f"bench-pod: round {round_no} {cpus} CPU {memory} MiB {system:12} " + summary(run), flush=True)
                save(results, args.out)
    os.chdir(ROOT)
    shutil.rmtree(work, ignore_errors=True)
    results["finished_at"], results["load_after"] = now(), bench.load_average()
    save(results, args.out)
    text = render(results, args.label)
    (Path(args.out) / "pod-table.md").write_text(text)
    print(text)
    if args.docs:
        bench.report.replace_block(Path(args.docs), BEGIN, END, text)


def measure(system, cpus, memory, args, work, bodies):
    env, volumes, command = {}, {}, None
    image = args.ceiling_image if system == "ceiling" else args.image if system.startswith("mlservice") else args.fastapi_image
    if system.startswith("mlservice"):
        env = {"MlService__Shutdown__DrainDelaySeconds": "0"}
        for variant in args.variant:
            name, settings = variant.split(":", 1)
            if system == "mlservice-" + name:
                for key, value in (pair.split("=", 1) for pair in settings.split(",") if pair):
                    if key == "image":
                        image = value
                    else:
                        env[key] = value
    if system.startswith("fastapi"):
        env, volumes = {"BENCH_DATA": "/data/heart.csv"}, {str(work / "heart.csv"): "/data/heart.csv"}
        command = ["fastapi_lean_app:app" if system == "fastapi-lean" else "fastapi_app:app"]
    pod = Pod(args.prefix + system, image, args.port, cpus, memory, env, volumes, command)
    run = {"ready_s": None, "ready_after_start_s": None, "first": None, "single": None, "batch1000": None}
    try:
        pod.start()
        ready = pod.wait_ready()
        run["ready_s"] = round(ready, 3) if ready is not None else None
        if ready is not None:
            run["ready_after_start_s"] = pod.ready_after_process_start()
            single, batch = bodies[("native", "single")], bodies[("native", "batch1000")]
            if args.server_warmup > 0:
                # Measured: how fast a pod that just became ready serves (JIT tiering still running), which is what
                # an autoscaler's new replica gives in its first seconds.
                run["first"] = load(pod, "/predict", single, argparse.Namespace(**{**vars(args), "warmup": 0, "duration": args.server_warmup}))
            run["single"] = load(pod, "/predict", single, args)
            run["batch1000"] = load(pod, "/predict/batch" if system == "fastapi-lean" else "/predict", batch, args)
        run.update(pod.memory())
        run.update(pod.process_memory())
        run["alive_after"] = pod.running()
        run["oom_killed_state"] = pod.oom_killed_by_state()
    finally:
        pod.remove()
    return run


class _Counted:
    """What bench.wrk needs of a server: its port and its CPU seconds so far (here the container's cgroup)."""

    def __init__(self, pod):
        self.port, self.pod = pod.port, pod

    def cpu_seconds(self):
        return self.pod.counters()["cpu_s"]


def load(pod, path, body, args):
    before = pod.counters()
    cell = bench.wrk(_Counted(pod), path, body, args)
    after = pod.counters()
    periods = after["periods"] - before["periods"]
    cell["throttled_periods"] = after["throttled"] - before["throttled"]
    cell["periods"] = periods
    return cell


def summary(run):
    s, b = run.get("single"), run.get("batch1000")
    parts = [f"ready {run['ready_after_start_s']} s after process start ({run['ready_s']} s after podman start)"
             if run["ready_s"] is not None else "NOT READY"]
    if run.get("first"):
        parts.append(f"first {run['first']['requests_per_s']:.0f} req/s")
    if s:
        parts.append(f"single {s['requests_per_s']:.0f} req/s p99 {s['p99_ms']:.1f} ms non-2xx/errors {s['errors']}")
    if b:
        parts.append(f"batch1000 {b['requests_per_s'] * 1000:.0f} rows/s errors {b['errors']}")
    parts.append(f"peak {run.get('peak_mib')} MiB, RSS after {run.get('rss_after_mib')} MiB "
                 f"(anon {run.get('rss_anon_after_mib')}, file {run.get('rss_file_after_mib')}, shmem {run.get('rss_shmem_after_mib')}), oom {run.get('oom_kills')}")
    return ", ".join(parts)


def med(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None, None
    return statistics.median(values), min(values), max(values)


def fmt(triple, digits=0, scale=1.0):
    m, lo, hi = triple
    if m is None:
        return "—"
    f = f"{{:,.{digits}f}}"
    return f.format(m * scale) + (f" ({f.format(lo * scale)}–{f.format(hi * scale)})" if hi != lo else "")


def render(results, label):
    s, m = results["settings"], results["machine"]
    lines = ([f"**{label}**", ""] if label else []) + [
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB RAM, Linux {m['kernel']}, podman with runc, "
        f"cgroup {'v2' if Path('/sys/fs/cgroup/cgroup.controllers').exists() else 'v1'}; {m['wrk'].split(' Copyright')[0]} on the host; "
        f"{m['python_stack']}.", "",
        f"Run {results['started_at']} – {results.get('finished_at', '(unfinished)')}, commit {m['git_commit']}: {s['rounds']} interleaved "
        f"round(s); per system and cell: a fresh container, {s['server_warmup']} s warm-up, then {s['warmup']} s warm-up + {s['duration']} s "
        f"measured per load; wrk {s['threads']} threads, {s['connections']} connections; load average before "
        f"{' '.join(m['load_before'])}, after {' '.join(results.get('load_after', ['?']))}.", "",
        "Medians over rounds, (min–max) when they differ. *ready* = from the container's process start to the first 200 on "
        "the readiness path; *+ runtime* = what `podman start` took before that (the container runtime's share); "
        f"*first {s['server_warmup']} s* = single-record req/s over the first {s['server_warmup']} s of load right after ready; "
        "*RSS after* = the main process's resident memory after the loads, and in brackets its private part (anonymous + "
        "shared memory; the rest is mapped assemblies and libraries, which the kernel can reclaim); *throttled* = CFS "
        "periods throttled / periods during the two measured loads; *non-2xx* = shed (503) or failed requests during the "
        "measured loads.", "",
        f"| CPU | memory | system | ready s | + runtime s | first {s['server_warmup']} s req/s | single req/s | single p99 ms | "
        "1000-row rows/s | peak MiB | RSS after MiB | OOM kills | throttled | non-2xx |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    groups = {}
    for run in results["runs"]:
        groups.setdefault((run["cpus"], run["memory_mib"], run["system"]), []).append(run)
    order = list(SYSTEMS)
    for key in sorted(groups, key=lambda k: (k[0], k[1], order.index(k[2]) if k[2] in order else 99)):
        runs = groups[key]
        single = [r["single"] for r in runs if r["single"]]
        batch = [r["batch1000"] for r in runs if r["batch1000"]]
        loads = single + batch
        throttled = sum(c["throttled_periods"] for c in loads)
        periods = sum(c["periods"] for c in loads)
        not_ready = sum(1 for r in runs if r["ready_s"] is None)
        first = [r["first"] for r in runs if r.get("first")]
        runtime = [r["ready_s"] - r["ready_after_start_s"] for r in runs if r["ready_s"] is not None and r.get("ready_after_start_s") is not None]
        private = [r["rss_anon_after_mib"] + (r.get("rss_shmem_after_mib") or 0) for r in runs if r.get("rss_anon_after_mib") is not None]
        lines.append(
            f"| {key[0]:g} | {key[1]} | {SYSTEMS.get(key[2], key[2])} | {fmt(med([r.get('ready_after_start_s') for r in runs]), 2)}"
            f"{f' ({not_ready} not ready)' if not_ready else ''} | {fmt(med(runtime), 2)} | {fmt(med([c['requests_per_s'] for c in first]))} | "
            f"{fmt(med([c['requests_per_s'] for c in single]))} | "
            f"{fmt(med([c['p99_ms'] for c in single]), 1)} | {fmt(med([c['requests_per_s'] for c in batch]), 0, 1000)} | "
            f"{fmt(med([r.get('peak_mib') for r in runs]))} | {fmt(med([r.get('rss_after_mib') for r in runs]))} ({fmt(med(private))}) | "
            f"{sum(r.get('oom_kills') or 0 for r in runs)} | {throttled}/{periods} | {sum(c['errors'] for c in loads)} |")
    lines += ["", "| CPU | memory | MlService ÷ ceiling, single req/s | ÷ FastAPI lean | ÷ FastAPI twin |", "|---:|---:|---:|---:|---:|"]
    for cpus, memory in dict.fromkeys((k[0], k[1]) for k in groups):
        def rps(system):
            runs = groups.get((cpus, memory, system), [])
            return {r["round"]: r["single"]["requests_per_s"] for r in runs if r["single"] and r["single"]["requests_per_s"]}
        ms = rps("mlservice")
        row = [f"{cpus:g}", str(memory)]
        for other in ("ceiling", "fastapi-lean", "fastapi"):
            ratios = [ms[r] / v for r, v in rps(other).items() if r in ms]
            row.append(fmt(med(ratios), 2) if ratios else "—")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def save(results, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pod-results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(parse_args())
