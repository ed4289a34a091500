"""Measuring a benchmarked command as a whole process tree: peak summed RSS and PSS, CPU
seconds of every process that ever ran in it, and the bytes it wrote to stdout and stderr.

RSS summed over processes counts a page shared by several of them (a forked worker's copy
of the tables its forkserver loaded) once per process; PSS splits it between them, so the
PSS sum is the memory the tree really holds. Both are reported."""

from __future__ import annotations

import collections
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

import psutil

# How often the tree is sampled; a process's CPU after its last sample is not counted.
SAMPLE_SECONDS = 0.1
# Output kept in memory per stream (the rest is only counted).
TAIL_LINES = 400


class TreeSampler:
    """Samples the process `pid` and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.peak_pss = 0
        self.cpu: dict[tuple[int, float], tuple[float, str]] = {}  # (pid, create time) -> (cpu s, cmdline)
        self.peaks: dict[tuple[int, float], tuple[int, int]] = {}  # -> (peak RSS, peak PSS)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = pss = 0
        for proc in procs:
            try:
                with proc.oneshot():
                    memory = proc.memory_full_info()
                    total += memory.rss
                    pss += memory.pss
                    times = proc.cpu_times()
                    key = (proc.pid, proc.create_time())
                    name = self.cpu.get(key, (0.0, ""))[1] or " ".join(proc.cmdline()[:4])
                    self.cpu[key] = (times.user + times.system, name)
                    own_rss, own_pss = self.peaks.get(key, (0, 0))
                    self.peaks[key] = (max(own_rss, memory.rss), max(own_pss, memory.pss))
            except psutil.Error:
                continue
        self.peak_rss = max(self.peak_rss, total)
        self.peak_pss = max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self._sample()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_total(self) -> float:
        return sum(cpu for cpu, _ in self.cpu.values())

    def describe_peaks(self) -> str:
        """Each process's own peak RSS / PSS in MiB, largest first."""
        rows = sorted(((rss, pss, self.cpu[key][1]) for key, (rss, pss) in self.peaks.items()), reverse=True)
        return "; ".join(f"{name[-40:]} {rss / 2**20:.0f}/{pss / 2**20:.0f}" for rss, pss, name in rows)

    def cpu_where(self, needle: str) -> float:
        return sum(cpu for cpu, name in self.cpu.values() if needle in name)


class Drain:
    """Reads a stream to its end on a thread: counts its bytes, keeps its last lines."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.bytes = 0
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self._thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self._thread.start()

    def _run(self, stream: IO[bytes]) -> None:
        for line in stream:
            self.bytes += len(line)
            self.tail.append(line.decode("utf-8", "replace").rstrip("\n"))

    def join(self) -> None:
        self._thread.join()


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
            timeout: float = 3600) -> dict[str, Any]:
    """Run `cmd` to its end; wall s, tree CPU s, peak tree RSS, output bytes and last lines."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = TreeSampler(proc.pid)
    out, err = Drain(proc.stdout), Drain(proc.stderr)  # type: ignore[arg-type]
    try:
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        sampler.stop()
        out.join()
        err.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} exited with {proc.returncode}:\n" + "\n".join(list(err.tail)[-20:]))
    return {"wall": wall, "cpu": sampler.cpu_total(), "sampler": sampler, "peak_rss": sampler.peak_rss, "peak_pss": sampler.peak_pss,
            "log_bytes": out.bytes + err.bytes, "stdout": list(out.tail), "stderr": list(err.tail)}
