"""One container of `make bench-pod` under CPU and memory limits (podman), and its cgroup counters read from the
host: CPU time, CFS periods and throttled periods, peak memory, OOM kills. cgroup v1 (this sandbox) and v2."""
import subprocess
import time
from pathlib import Path

from servers import http_status

def podman(*args, check=True):
    return subprocess.run(["podman", *args], check=check, capture_output=True, text=True).stdout.strip()


class Pod:
    """A container publishing its port 8080 on 127.0.0.1:<port>; every name starts with the run's prefix."""

    def __init__(self, name, image, port, cpus, memory_mib, env=None, volumes=None, command=None):
        self.name, self.port = name, port
        args = ["create", "--name", name, "--cpus", str(cpus), "--memory", f"{memory_mib}m",
                "--memory-swap", f"{memory_mib}m", "-p", f"127.0.0.1:{port}:8080"]
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        for host, inside in (volumes or {}).items():
            args += ["-v", f"{host}:{inside}:ro"]
        podman("rm", "-f", "--ignore", name)
        podman(*args, image, *(command or []))
        self.started = self.ready_at_ns = None
        self.memory_dir = self.cpu_dir = None
        self.v2 = False

    def start(self):
        self.started = time.perf_counter()
        podman("start", self.name)
        self._find_cgroups()
        return self

    def wait_ready(self, path="/health/ready", timeout=180.0):
        """Seconds from `podman start` to the first 200 on the readiness path (polled every 5 ms); None if it died."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            try:
                if http_status(self.port, "GET", path, timeout=1.0) == 200:
                    self.ready_at_ns = time.time_ns()
                    return time.perf_counter() - self.started
            except OSError:
                pass
            if not self.running():
                return None
            time.sleep(0.005)
        return None

    def ready_after_process_start(self):
        """Seconds from the container's main process start (podman's StartedAt, after the runtime set the container
        up) to ready: the server's own start, without the container runtime's share."""
        started = podman("inspect", "-f", "{{.State.StartedAt.UnixNano}}", self.name, check=False)
        if not started.isdigit():
            return None
        return round(self.ready_at_ns / 1e9 - int(started) / 1e9, 3)

    def process_memory(self):
        """The main process's resident memory (MiB) now: VmRSS and its parts, anonymous (heap, GC), file-backed
        (mapped assemblies and libraries: shared, and reclaimable by the kernel) and shared memory (the runtime's
        double-mapped executable code)."""
        pid = podman("inspect", "-f", "{{.State.Pid}}", self.name, check=False)
        status = _read(Path(f"/proc/{pid}/status")) if pid.isdigit() and pid != "0" else None
        values = {}
        for line in (status or "").splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
        return {"rss_after_mib": values.get("VmRSS"), "rss_anon_after_mib": values.get("RssAnon"),
                "rss_file_after_mib": values.get("RssFile"), "rss_shmem_after_mib": values.get("RssShmem")}

    def running(self):
        return podman("inspect", "-f", "{{.State.Running}}", self.name, check=False) == "true"

    def oom_killed_by_state(self):
        return podman("inspect", "-f", "{{.State.OOMKilled}}", self.name, check=False) == "true"

    def _find_cgroups(self):
        """The container's cgroup directories: v1 controllers win over the unified hierarchy (as on a hybrid host)."""
        pid = podman("inspect", "-f", "{{.State.Pid}}", self.name)
        v1, unified = {}, None
        for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines():
            hierarchy, controllers, path = line.split(":", 2)
            for controller in controllers.split(","):
                v1[controller] = path.lstrip("/")
            if hierarchy == "0" and controllers == "":
                unified = path.lstrip("/")
        mounts = _mounts()
        if "memory" in v1 and "memory" in mounts:
            self.memory_dir = mounts["memory"] / v1["memory"]
            self.cpu_dir = mounts["cpu"] / v1["cpu"]
            self.cpuacct_dir = mounts["cpuacct"] / v1["cpuacct"]
        else:
            self.v2 = True
            self.memory_dir = self.cpu_dir = self.cpuacct_dir = mounts["cgroup2"] / unified

    def counters(self):
        """CPU seconds used, CFS periods and throttled periods so far."""
        stat = _stat(self.cpu_dir / "cpu.stat")
        if self.v2:
            cpu = stat.get("usage_usec", 0) / 1e6
        else:
            cpu = int(_read(self.cpuacct_dir / "cpuacct.usage") or 0) / 1e9
        return {"cpu_s": cpu, "periods": stat.get("nr_periods", 0), "throttled": stat.get("nr_throttled", 0)}

    def memory(self):
        """Peak and current usage (MiB) and the OOM kills the cgroup counted."""
        if self.v2:
            peak, usage = _read(self.memory_dir / "memory.peak"), _read(self.memory_dir / "memory.current")
            oom = _stat(self.memory_dir / "memory.events").get("oom_kill", 0)
        else:
            peak, usage = _read(self.memory_dir / "memory.max_usage_in_bytes"), _read(self.memory_dir / "memory.usage_in_bytes")
            oom = _stat(self.memory_dir / "memory.oom_control").get("oom_kill", 0)
        mib = lambda v: round(int(v) / 1048576, 1) if v else None
        return {"peak_mib": mib(peak), "usage_mib": mib(usage), "oom_kills": oom}

    def remove(self):
        podman("rm", "-f", "--ignore", "-t", "2", self.name, check=False)


def _mounts():
    """Mount point of each v1 controller, and of the v2 hierarchy as "cgroup2", from /proc/self/mountinfo."""
    found = {}
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        left, _, right = line.partition(" - ")
        fields, (fstype, _source, options) = left.split(), right.split()[:3]
        if fstype == "cgroup":
            for controller in options.split(","):
                found.setdefault(controller, Path(fields[4]))
        elif fstype == "cgroup2":
            found.setdefault("cgroup2", Path(fields[4]))
    return found


def _read(path):
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _stat(path):
    values = {}
    for line in (_read(path) or "").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            values[parts[0]] = int(parts[1])
    return values
