#!/usr/bin/env bash
# make bench-loadtool: how close mlservice-loadtest comes to wrk against one Release MlService on 127.0.0.1
# (issue 15, item 7). Interleaved rounds of, each for --duration seconds on the same server:
#   wrk -t1 -c1 and wrk -t2 -c64 (single record, tests/bench/post.lua; wrk needs threads <= connections, so -c1 runs -t1),
#   mlservice-loadtest closed loop -c1 and -c64 with --client raw and --client httpclient,
#   mlservice-loadtest open loop --rate 300 (--client raw),
# then a table of medians with their spread (req/s, p50, p99, the client's own CPU in cores) and the two targets:
#   raw -c64 req/s >= 0.8x wrk -c64 req/s; open-loop p50 within 0.1 ms of the closed-loop -c1 p50 (raw).
# Run it on a quiet machine: every other process competing for the cores shows up in both clients' figures.
# Options (defaults): --rounds 3 --duration 10 --warmup 8 --rate 300 --connections 64 --out DIR (JSON of every cell).
#   tests/bench/loadtool-vs-wrk.sh --rounds 1 --duration 2 --warmup 1     (a quick smoke run)
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIGURATION="${CONFIGURATION:-Release}"
PYTHON="${BENCH_PYTHON:-/usr/bin/python3}"

for tool in wrk dotnet "$PYTHON"; do
  command -v "$tool" >/dev/null || { echo "loadtool-vs-wrk: $tool is missing (apt-get install wrk python3)" >&2; exit 1; }
done

for project in service/MlService.Api service/MlService.Trainer service/MlService.LoadTest; do
  dotnet build "$project" -c "$CONFIGURATION" --nologo -v quiet
done

exec "$PYTHON" - --configuration "$CONFIGURATION" "$@" <<'PY'
import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import payloads  # noqa: E402  (the bench's own body writer and server handling)
from servers import Server, free_port  # noqa: E402

MODEL = "heart-disease"
ROUTE = f"/models/{MODEL}/predict"  # the load tool's native route; wrk posts the same single-record body to it


def parse_args():
    p = argparse.ArgumentParser(prog="loadtool-vs-wrk.sh")
    p.add_argument("--configuration", default="Release")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--duration", type=int, default=10, help="seconds per cell")
    p.add_argument("--warmup", type=int, default=8, help="seconds of unmeasured wrk load on the fresh server (JIT tiering)")
    p.add_argument("--rate", type=float, default=300, help="open-loop rate of the load tool")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--out", default=None, help="directory for loadtool-vs-wrk.json (default: the temp work directory)")
    return p.parse_args()


def dll(args, project, name):
    path = ROOT / project / "bin" / args.configuration / "net10.0" / name
    if not path.exists():
        sys.exit(f"loadtool-vs-wrk: {path} is missing; the script builds it first")
    return str(path)


def prepare(args, work):
    """Model and single-record body as tests/bench/bench.py makes them: trainer datagen, train, publish; payload rows from seed 7."""
    trainer = ["dotnet", dll(args, "service/MlService.Trainer", "mlservice-trainer.dll")]
    train_csv, payload_csv, store = work / "heart.csv", work / "payload.csv", work / "store"
    for command in (["datagen", "--out", str(train_csv)],
                    ["datagen", "--out", str(payload_csv), "--rows", "1000", "--seed", "7"],
                    ["train", "--data", str(train_csv), "--label", "target", "--task", "binary", "--name", MODEL, "--out", str(work / "model")],
                    ["publish", "--store", str(store), "--name", MODEL, "--model-dir", str(work / "model"), "--alias", "production"]):
        subprocess.run(trainer + command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    body = payloads.write_all(payload_csv, work / "bodies")[("native", "single")]
    return store, body


def start_server(args, work, store):
    api = dll(args, "service/MlService.Api", "MlService.Api.dll")
    port = free_port()
    env = {"ASPNETCORE_URLS": f"http://127.0.0.1:{port}", "ASPNETCORE_ENVIRONMENT": "Production",
           "MlService__Store__Root": f"file://{store}", "MlService__Store__CacheDirectory": str(work / "cache"),
           "MODEL_URI": f"models:/{MODEL}@production", "MlService__Shutdown__DrainDelaySeconds": "0",
           "MlService__Grpc__Host": "127.0.0.1", "MlService__Grpc__Port": str(free_port()),
           # Info logs off, as in docs/loadtest.md's precision runs: the access log would cost the server, not the clients.
           "Logging__LogLevel__Default": "Warning"}
    server = Server("mlservice", ["dotnet", api], env, port, work / "mlservice.log", cwd=str(Path(api).parent)).start()
    print(f"loadtool-vs-wrk: server ready in {server.wait_ready():.2f} s on port {port}", flush=True)
    return server


def timed(command):
    """Runs a client; returns its stdout and its own CPU time in seconds (rusage of the finished child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, check=True, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done.stdout, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def wrk(args, port, body, connections, seconds):
    threads = min(2, connections)
    out, cpu = timed(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s", "--latency",
                      "-s", str(ROOT / "tests/bench/post.lua"), f"http://127.0.0.1:{port}", "--", str(body), ROUTE])
    raw = json.loads(next(l for l in out.splitlines() if l.startswith("WRK_JSON "))[len("WRK_JSON "):])
    wall = raw["duration_us"] / 1e6
    errors = sum(v for k, v in raw.items() if k.startswith("errors_"))
    return {"requests_per_s": round(raw["requests"] / wall, 1), "p50_ms": raw["latency_p50_us"] / 1000,
            "p99_ms": raw["latency_p99_us"] / 1000, "cpu_cores": round(cpu / wall, 3), "errors": errors}


def loadtool(args, port, work, mode_args, client, name):
    report = work / f"{name}.json"
    timed(["dotnet", dll(args, "service/MlService.LoadTest", "mlservice-loadtest.dll"), "--target", f"http://127.0.0.1:{port}",
           "--model", MODEL, "--client", client, "--duration", f"{args.duration}s", "--no-progress", "--json-out", str(report), *mode_args])
    doc = json.loads(report.read_text())
    client_usage = doc.get("client") or {}
    lateness = client_usage.get("scheduler_lateness") or {}
    return {"requests_per_s": doc["totals"]["requests_per_second"], "p50_ms": doc["latency"]["p50_ms"],
            "p99_ms": doc["latency"]["p99_ms"], "cpu_cores": client_usage.get("cpu_cores"), "errors": doc["totals"]["errors"],
            "lateness_p50_ms": lateness.get("p50_ms")}


def cells(args):
    c = str(args.connections)
    return [
        ("wrk -c1", lambda p, w, b: wrk(args, p, b, 1, args.duration)),
        (f"wrk -c{c}", lambda p, w, b: wrk(args, p, b, args.connections, args.duration)),
        ("loadtool raw -c1", lambda p, w, b: loadtool(args, p, w, ["--mode", "closed", "-c", "1"], "raw", f"raw-c1-{time.time_ns()}")),
        ("loadtool httpclient -c1", lambda p, w, b: loadtool(args, p, w, ["--mode", "closed", "-c", "1"], "httpclient", f"hc-c1-{time.time_ns()}")),
        (f"loadtool raw -c{c}", lambda p, w, b: loadtool(args, p, w, ["--mode", "closed", "-c", c], "raw", f"raw-c{c}-{time.time_ns()}")),
        (f"loadtool httpclient -c{c}", lambda p, w, b: loadtool(args, p, w, ["--mode", "closed", "-c", c], "httpclient", f"hc-c{c}-{time.time_ns()}")),
        (f"loadtool raw open {args.rate:g}/s", lambda p, w, b: loadtool(args, p, w, ["--rate", f"{args.rate:g}"], "raw", f"raw-open-{time.time_ns()}")),
    ]


def median_spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    median = statistics.median(values)
    fmt = (lambda v: f"{v:,.0f}") if median >= 100 else (lambda v: f"{v:.3f}")
    return fmt(median) if len(values) == 1 else f"{fmt(median)} ({fmt(min(values))}–{fmt(max(values))})"


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="loadtool-vs-wrk-"))
    print(f"loadtool-vs-wrk: work directory {work}", flush=True)
    store, body = prepare(args, work)
    server = start_server(args, work, store)
    results = {"settings": vars(args), "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "load_before": Path("/proc/loadavg").read_text().split()[:3], "cells": []}
    try:
        if args.warmup > 0:
            wrk(args, server.port, body, args.connections, args.warmup)
        for round_no in range(1, args.rounds + 1):
            for name, run in cells(args):
                cell = run(server.port, work, body)
                cell.update(round=round_no, cell=name)
                results["cells"].append(cell)
                print(f"loadtool-vs-wrk: round {round_no} {name:28} {cell['requests_per_s']:>10,.1f} req/s  p50 {cell['p50_ms']:.3f} ms"
                      f"  p99 {cell['p99_ms']:.3f} ms  client CPU {cell['cpu_cores']} cores  errors {cell['errors']}", flush=True)
    finally:
        server.stop()
    results["load_after"] = Path("/proc/loadavg").read_text().split()[:3]
    out_dir = Path(args.out) if args.out else work
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "loadtool-vs-wrk.json").write_text(json.dumps(results, indent=2))
    report(args, results["cells"])
    print(f"\nloadtool-vs-wrk: every cell in {out_dir / 'loadtool-vs-wrk.json'}; load average before {results['load_before']}, after {results['load_after']}")


def report(args, all_cells):
    by_name = {}
    for cell in all_cells:
        by_name.setdefault(cell["cell"], []).append(cell)
    print(f"\n{args.rounds} round(s) of {args.duration} s per cell; median (min–max). Client CPU: wrk from its rusage,"
          " the load tool from its own report (the run only).\n")
    print("| cell | req/s | p50 ms | p99 ms | client CPU cores | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, group in by_name.items():
        print(f"| {name} | {median_spread([c['requests_per_s'] for c in group])} | {median_spread([c['p50_ms'] for c in group])}"
              f" | {median_spread([c['p99_ms'] for c in group])} | {median_spread([c['cpu_cores'] for c in group])}"
              f" | {sum(c['errors'] for c in group)} |")
    c = args.connections
    per_round = {}
    for cell in all_cells:
        per_round.setdefault(cell["round"], {})[cell["cell"]] = cell
    ratios, gaps = [], []
    for cells_of_round in per_round.values():
        wrk_many, raw_many = cells_of_round.get(f"wrk -c{c}"), cells_of_round.get(f"loadtool raw -c{c}")
        open_loop, closed_one = cells_of_round.get(f"loadtool raw open {args.rate:g}/s"), cells_of_round.get("loadtool raw -c1")
        if wrk_many and raw_many and wrk_many["requests_per_s"]:
            ratios.append(raw_many["requests_per_s"] / wrk_many["requests_per_s"])
        if open_loop and closed_one:
            gaps.append(open_loop["p50_ms"] - closed_one["p50_ms"])
    print()
    if ratios:
        median = statistics.median(ratios)
        print(f"target 1: loadtool raw -c{c} req/s / wrk -c{c} req/s = {median:.2f}x (per round {', '.join(f'{r:.2f}' for r in ratios)});"
              f" target >= 0.80x: {'met' if median >= 0.8 else 'MISSED'}")
    if gaps:
        median = statistics.median(gaps)
        print(f"target 2: open-loop p50 at {args.rate:g}/s minus closed-loop -c1 p50 (raw) = {median:+.3f} ms"
              f" (per round {', '.join(f'{g:+.3f}' for g in gaps)}); target <= 0.100 ms: {'met' if median <= 0.1 else 'MISSED'}")


main()
PY
