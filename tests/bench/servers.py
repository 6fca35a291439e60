"""Starting, probing, measuring and stopping the servers under test. Every server listens on 127.0.0.1 on a free
port; stdout/stderr go to a log file (a full pipe would stall a server mid-run)."""
import http.client
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(port, method, path, body=None, headers=None, timeout=2.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class Server:
    def __init__(self, name, command, env, port, log_path, cwd=None):
        self.name, self.command, self.port, self.log_path, self.cwd = name, command, port, log_path, cwd
        self.env = {**os.environ, **env}
        self.process = None
        self.started = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(self.command, env=self.env, cwd=self.cwd, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def wait_ready(self, path="/health/ready", timeout=90.0):
        """Seconds from process start to the first 200 on the readiness path (polled every 5 ms)."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                if http_status(self.port, "GET", path, timeout=1.0) == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError(f"{self.name} not ready after {timeout} s; see {self.log_path}")

    def rss_mib(self):
        """Resident memory of the server and its child processes (uvicorn workers), from /proc/<pid>/status VmRSS."""
        pids = [self.process.pid] + _descendants(self.process.pid)
        total_kib = 0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            total_kib += int(line.split()[1])
            except FileNotFoundError:
                pass
        return total_kib / 1024

    def cpu_seconds(self):
        """User + system CPU time consumed so far by the server and its child processes (/proc/<pid>/stat)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid] + _descendants(self.process.pid):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (FileNotFoundError, ProcessLookupError):
                pass
        return total / ticks

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        # The server's own session (start_new_session): signal our child and the workers it forked, by group id.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self.log.close()


def _descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found
