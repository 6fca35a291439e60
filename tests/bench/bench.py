#!/usr/bin/env python3
"""End-to-end benchmark (make bench): interleaved rounds of (A) FastAPI + scikit-learn: today's twin with 1 and 2
uvicorn workers and the lean variant (fastapi_lean_app.py) with 1, (B) the bare Kestrel ceiling, (C) MlService (and, as a diagnostic, MlService with its per-request access
log off), all driven by wrk with the same bodies and connections; cold start to ready; RSS after load. Writes results/e2e-results.json and .csv, then report.py renders the table,
the chart and the docs block. Run through run-bench.sh, which builds the projects first."""
import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import payloads
import report
from servers import Server, free_port, http_status

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MODEL = "heart-disease"
PROTOCOL_PATHS = {"native": "/predict", "mlflow": "/invocations", "v2": f"/v2/models/{MODEL}/infer"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--duration", type=int, default=10, help="seconds measured per cell")
    p.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load before each cell")
    p.add_argument("--server-warmup", type=int, default=8,
                   help="seconds of unmeasured load on a freshly started server before its first cell (JIT tiering), every system alike")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--cold-starts", type=int, default=3, help="MlService cold starts per round")
    p.add_argument("--systems", default="fastapi-1w,fastapi-2w,fastapi-lean,ceiling,mlservice,mlservice-nolog")
    p.add_argument("--sizes", default="single,batch100,batch1000")
    p.add_argument("--no-loadtool", action="store_true", help="skip the comparison run of mlservice-loadtest")
    p.add_argument("--keep-work", action="store_true", help="keep the temp directory (store, bodies, server logs)")
    p.add_argument("--python", default="/usr/bin/python3", help="interpreter with Debian's fastapi/uvicorn/sklearn")
    p.add_argument("--configuration", default="Release")
    p.add_argument("--out", default=str(HERE / "results"))
    return p.parse_args()


def main():
    args = ARGS
    work = Path(tempfile.mkdtemp(prefix="mlservice-bench-"))
    bins = binaries(args.configuration)
    print(f"bench: work directory {work}", flush=True)
    data = prepare_model(bins, work)
    bodies = payloads.write_all(data["payload_csv"], work / "bodies")
    systems = [s for s in args.systems.split(",") if s]
    sizes = [s for s in args.sizes.split(",") if s]
    results = {"machine": machine(), "settings": vars(args), "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "cells": [], "cold_starts": [], "rss": [], "skipped": [], "loadtool": []}
    for round_no in range(1, args.rounds + 1):
        for system in systems:
            run_system(system, round_no, args, bins, data, bodies, sizes, work, results)
            save(results, args.out)
    if not args.keep_work:
        # Server logs can reach hundreds of MB (e.g. the access-log variant); keep them only on request.
        shutil.rmtree(work, ignore_errors=True)
    results["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results["load_after"] = load_average()
    save(results, args.out)
    # Only a run into the committed results folder rewrites the docs table; smoke runs elsewhere leave it alone.
    official = Path(args.out).resolve() == (HERE / "results").resolve()
    report.render(Path(args.out) / "e2e-results.json", Path(args.out), ROOT / "docs" / "benchmarks.md" if official else None)


def binaries(configuration):
    def dll(project, name):
        path = ROOT / project / "bin" / configuration / "net10.0" / name
        if not path.exists():
            sys.exit(f"bench: {path} is missing; build first (tests/bench/run-bench.sh does)")
        return str(path)
    return {"api": dll("service/MlService.Api", "MlService.Api.dll"),
            "trainer": dll("service/MlService.Trainer", "mlservice-trainer.dll"),
            "loadtest": dll("service/MlService.LoadTest", "mlservice-loadtest.dll"),
            "ceiling": dll("tests/MlService.Benchmarks", "MlService.Benchmarks.dll")}


def prepare_model(bins, work):
    """The demo model through the trainer CLI: datagen, train, publish into a temp store; payload rows from another seed."""
    train_csv, payload_csv, store = work / "heart.csv", work / "payload.csv", work / "store"
    trainer = ["dotnet", bins["trainer"]]
    for command in (["datagen", "--out", str(train_csv)],
                    ["datagen", "--out", str(payload_csv), "--rows", "1000", "--seed", "7"],
                    ["train", "--data", str(train_csv), "--label", "target", "--task", "binary", "--name", MODEL, "--out", str(work / "model")],
                    ["publish", "--store", str(store), "--name", MODEL, "--model-dir", str(work / "model"), "--alias", "production"]):
        subprocess.run(trainer + command, check=True, stdout=subprocess.DEVNULL)
    return {"train_csv": train_csv, "payload_csv": payload_csv, "store": store}


def make_server(system, bins, data, work):
    port = free_port()
    log = work / f"{system}.log"
    if system.startswith("fastapi"):
        # fastapi-1w / fastapi-2w: today's twin with 1 or 2 workers; fastapi-lean: the lean variant, 1 worker.
        workers = "1" if system == "fastapi-lean" else system.split("-")[1].rstrip("w")
        app = "fastapi_lean_app:app" if system == "fastapi-lean" else "fastapi_app:app"
        command = [ARGS.python, "-m", "uvicorn", "--app-dir", str(HERE), app, "--host", "127.0.0.1",
                   "--port", str(port), "--log-level", "warning", "--no-access-log"]
        if workers != "1":
            command += ["--workers", workers]
        return Server(system, command, {"BENCH_DATA": str(data["train_csv"])}, port, log)
    if system == "ceiling":
        return Server(system, ["dotnet", bins["ceiling"], "ceiling", "--urls", f"http://127.0.0.1:{port}"], {}, port, log)
    if system in ("mlservice", "mlservice-nolog", "mlservice-accesslog"):
        env = {"ASPNETCORE_URLS": f"http://127.0.0.1:{port}", "ASPNETCORE_ENVIRONMENT": "Production",
               "MlService__Store__Root": f"file://{data['store']}", "MlService__Store__CacheDirectory": str(work / "cache"),
               "MODEL_URI": f"models:/{MODEL}@production", "MlService__Shutdown__DrainDelaySeconds": "0",
               "MlService__Grpc__Host": "127.0.0.1", "MlService__Grpc__Port": str(free_port())}
        if system == "mlservice-nolog":
            # Diagnostic variant: the per-request access log (Information, JSON console) off, everything else as shipped.
            env["Logging__LogLevel__Default"] = "Warning"
        if system == "mlservice-accesslog":
            # Optional variant (--systems ...,mlservice-accesslog): the opt-in log line for every successful request on.
            env["Logging__LogLevel__MlService.Api.Requests"] = "Debug"
        # Working directory = the app folder, as in the container image, so appsettings.json is the content root's.
        return Server(system, ["dotnet", bins["api"]], env, port, log, cwd=str(Path(bins["api"]).parent))
    raise SystemExit(f"bench: unknown system {system}")


def run_system(system, round_no, args, bins, data, bodies, sizes, work, results):
    server = make_server(system, bins, data, work).start()
    try:
        ready = server.wait_ready()
        results["cold_starts"].append({"round": round_no, "system": system, "seconds": round(ready, 4)})
        print(f"bench: round {round_no} {system}: ready in {ready:.3f} s", flush=True)
        protocols = ["native"] if system != "mlservice" else available_protocols(server, bodies, system, round_no, results)
        if args.server_warmup > 0 and protocols and sizes:
            warm(server, PROTOCOL_PATHS[protocols[0]], bodies[(protocols[0], sizes[0])], args, args.server_warmup)
        for protocol in protocols:
            for size in sizes:
                cell = wrk(server, path_for(system, protocol, size), bodies[(protocol, size)], args)
                cell.update(round=round_no, system=system, protocol=protocol, size=size, rows=payloads.SIZES[size])
                cell["rows_per_s"] = round(cell["requests_per_s"] * cell["rows"], 1)
                results["cells"].append(cell)
                print(f"bench:   {protocol:6} {size:9} {cell['requests_per_s']:>10.1f} req/s  p99 {cell['p99_ms']:.2f} ms"
                      f"  errors {cell['errors']}", flush=True)
        if system == "mlservice" and not args.no_loadtool and "single" in sizes:
            results["loadtool"].append(loadtool(server.port, bins, args, round_no, work))
        if system == "mlservice" and not args.no_loadtool:
            # gRPC cells: wrk speaks no gRPC, so the load tool drives both sides of the comparison (REST V2 and gRPC raw tensors).
            for size in sizes:
                for protocol in ("v2", "grpc"):
                    results.setdefault("grpc", []).append(loadtool_cell(server, bins, args, round_no, work, protocol, size))
        results["rss"].append({"round": round_no, "system": system, "mib": round(server.rss_mib(), 1)})
    finally:
        server.stop()
    if system == "mlservice":
        for _ in range(args.cold_starts - 1):
            extra = make_server(system, bins, data, work).start()
            try:
                results["cold_starts"].append({"round": round_no, "system": system, "seconds": round(extra.wait_ready(), 4)})
            finally:
                extra.stop()


def path_for(system, protocol, size):
    """The lean FastAPI variant takes batches on their own route; every other system on the protocol's one path."""
    return "/predict/batch" if system == "fastapi-lean" and size != "single" else PROTOCOL_PATHS[protocol]


def available_protocols(server, bodies, system, round_no, results):
    """Protocols whose route exists on this build (a route answering 404 is skipped and recorded)."""
    found = []
    for protocol, path in PROTOCOL_PATHS.items():
        status = http_status(server.port, "POST", path, bodies[(protocol, "single")].read_bytes(), {"Content-Type": "application/json"})
        if status == 200:
            found.append(protocol)
        elif round_no == 1:
            results["skipped"].append({"system": system, "protocol": protocol, "status": status})
            print(f"bench: {system} {protocol} {path} answered {status}; skipped", flush=True)
    return found


def wrk(server, path, body, args):
    """One cell: warm-up, then the measured run; also the server's CPU time per request over the measured run,
    which other load on the machine disturbs far less than requests/s."""
    base = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "--timeout", "30s", "--latency",
            "-s", str(HERE / "post.lua"), f"http://127.0.0.1:{server.port}"]
    if args.warmup > 0:
        warm(server, path, body, args, args.warmup)
    cpu_before = server.cpu_seconds()
    out = subprocess.run(base[:1] + ["-d", f"{args.duration}s"] + base[1:] + ["--", str(body), path],
                         check=True, capture_output=True, text=True).stdout
    cpu = server.cpu_seconds() - cpu_before
    raw = json.loads(next(line for line in out.splitlines() if line.startswith("WRK_JSON "))[len("WRK_JSON "):])
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in raw if k.startswith("errors_")) + (int(non2xx.group(1)) if non2xx else 0)
    ok = raw["requests"] - (int(non2xx.group(1)) if non2xx else 0)
    return {"requests": raw["requests"], "seconds": round(seconds, 3), "requests_per_s": round(ok / seconds, 1),
            "cpu_ms_per_request": round(1000 * cpu / raw["requests"], 4) if raw["requests"] else None,
            "errors": errors, "mean_ms": round(raw["latency_mean_us"] / 1000, 3),
            **{f"{p}_ms": round(raw[f"latency_{p}_us"] / 1000, 3) for p in ("p50", "p90", "p99", "p999", "max")}}


def warm(server, path, body, args, seconds):
    """Unmeasured load with the cell's settings."""
    subprocess.run(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s", "--timeout", "30s",
                    "-s", str(HERE / "post.lua"), f"http://127.0.0.1:{server.port}", "--", str(body), path],
                   check=True, capture_output=True)


def loadtool(port, bins, args, round_no, work):
    """The project's load tool on the single-record native cell, closed loop with wrk's connection count."""
    out = work / f"loadtool-{round_no}.json"
    subprocess.run(["dotnet", bins["loadtest"], "--target", f"http://127.0.0.1:{port}", "--model", MODEL, "--mode", "closed",
                    "-c", str(args.connections), "--duration", f"{args.duration}s", "--json-out", str(out), "--no-progress"],
                   check=True, capture_output=True)
    doc = json.loads(out.read_text())
    totals, latency = doc["totals"], doc["latency"]
    cell = {"round": round_no, "requests_per_s": totals["requests_per_second"], "errors": totals["errors"],
            "p50_ms": latency["p50_ms"], "p99_ms": latency["p99_ms"]}
    print(f"bench:   loadtool native single {cell['requests_per_s']:>10.1f} req/s  p99 {cell['p99_ms']:.2f} ms", flush=True)
    return cell


def loadtool_cell(server, bins, args, round_no, work, protocol, size):
    """One load-tool cell (closed loop, wrk's connection count) of a protocol and payload size, for the gRPC comparison.
    Both protocols go through HttpClient (gRPC has no raw client), so the client's own cost is alike on both sides."""
    out = work / f"loadtool-{protocol}-{size}-{round_no}.json"
    subprocess.run(["dotnet", bins["loadtest"], "--target", f"http://127.0.0.1:{server.port}", "--model", MODEL, "--mode", "closed",
                    "--client", "httpclient",
                    "--protocol", protocol, "--grpc-port", server.env["MlService__Grpc__Port"], "--batch-size", str(payloads.SIZES[size]),
                    "-c", str(args.connections), "--duration", f"{args.duration}s", "--json-out", str(out), "--no-progress"],
                   check=True, capture_output=True)
    doc = json.loads(out.read_text())
    totals, latency = doc["totals"], doc["latency"]
    cell = {"round": round_no, "protocol": protocol, "size": size, "requests_per_s": totals["requests_per_second"],
            "rows_per_s": round(totals["requests_per_second"] * payloads.SIZES[size], 1), "errors": totals["errors"],
            "p50_ms": latency["p50_ms"], "p99_ms": latency["p99_ms"]}
    print(f"bench:   loadtool {protocol:4} {size:9} {cell['requests_per_s']:>10.1f} req/s  p99 {cell['p99_ms']:.2f} ms"
          f"  errors {cell['errors']}", flush=True)
    return cell


def machine():
    def run(*command):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (done.stdout or done.stderr).strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    versions = run(ARGS.python, "-c", "import fastapi, uvicorn, sklearn, pydantic, numpy, sys; "
                   "print(f'python {sys.version.split()[0]}, fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__}, "
                   "scikit-learn {sklearn.__version__}, pydantic {pydantic.VERSION}, numpy {numpy.__version__}')")
    aspnet = [l for l in run("dotnet", "--list-runtimes").splitlines() if l.startswith("Microsoft.AspNetCore.App")]
    return {"nproc": int(run("nproc") or 0), "cpu": cpu.group(1) if cpu else "unknown",
            "memory_gib": round(int(mem.group(1)) / 1048576, 1) if mem else None, "kernel": platform.release(),
            "dotnet_sdk": run("dotnet", "--version"), "aspnetcore_runtime": aspnet[-1].split(" [")[0] if aspnet else "",
            "wrk": (run("wrk", "-v").splitlines() or [""])[0], "python_stack": versions,
            "git_commit": run("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"), "load_before": load_average()}


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def save(results, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "e2e-results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    ARGS = parse_args()
    main()
