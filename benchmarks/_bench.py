"""What the benchmark scripts share: timing whole processes, peak memory, medians, and the
synthetic repositories they run on.

Every figure is a whole process (interpreter start included), timed on the wall clock and in
CPU time (user + system of the process and its workers: less disturbed by other load on a
shared machine). Commands compared with each other are run interleaved, run by run, so a
burst of load elsewhere hits all of them alike, and the scripts print ratios measured in the
same run. ``--kvk`` points at another installation's ``kvk`` (an older checkout, to measure
before and after in one run). Commands run with Python's bytecode cache on, as an installed kvk
does (PYTHONDONTWRITEBYTECODE, if set, is left out: compiling kvk's sources again on every run
would add some 50 ms to each command).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.no",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.no"}


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and its workers
    peak: float  # MiB, resident, the process and its workers together (0 when not sampled)
    pss: float = 0.0  # MiB, the same as proportional set size: pages a forked worker shares
    #                   with its parent count once, not once per process


def default_kvk() -> str:
    return str(Path(sys.executable).with_name("kvk"))


def load_note() -> str:
    """The machine's load averages, to print with the figures."""
    try:
        one, five, fifteen = os.getloadavg()
        return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"
    except OSError:
        return "load average unknown"


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return pids


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], *, cwd: Path | None = None, expect: tuple[int, ...] = (0, 1),
            memory: bool = False, env: dict | None = None) -> Sample:
    """Run ``cmd`` once. With ``memory``, the resident size of the process tree is sampled
    every 10 ms from /proc (the sampling costs a little CPU of its own, so timing-only figures
    leave it off)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    full_env.update({**GIT_ENV, **(env or {})})
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env)
    peak = pss = 0
    if memory:
        while proc.poll() is None:
            pids = _tree(proc.pid)
            peak = max(peak, sum(_rss_kib(p) for p in pids))
            pss = max(pss, sum(_pss_kib(p) for p in pids))
            time.sleep(0.01)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in expect:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}): {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if memory and not peak:  # no /proc: the largest child's own peak
        peak = after.ru_maxrss
    return Sample(wall, cpu, peak / 1024, pss / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak for s in samples), statistics.median(s.pss for s in samples))


def spread(samples: list[Sample]) -> str:
    """How noisy the runs were: the range of wall times around the median, in percent."""
    walls = sorted(s.wall for s in samples)
    mid = statistics.median(walls)
    return f"±{100 * (walls[-1] - walls[0]) / 2 / mid:.0f}%" if mid else "–"


def supports(kvk: str, command: list[str], flag: str) -> bool:
    """Does this kvk know ``flag`` for ``command`` (older checkouts measured beside this one
    may not)?"""
    out = subprocess.run([kvk, *command, "--help"], capture_output=True, text=True)
    return flag in out.stdout


def synth(folder: Path, cases: int = 20000, meetings: int | None = None, indicators: int | None = None,
          seed: int = 1, git: bool = False) -> Path:
    """The synthetic repository of this size in ``folder`` (generated when missing or made with
    other sizes); committed to git on ``main`` when ``git``. Meetings and indicator files scale
    with the cases as in the 20,000-case repository (3,000 and 500), at least one of each."""
    meetings = meetings if meetings is not None else max(1, cases * 3 // 20)
    indicators = indicators if indicators is not None else max(1, cases // 40)
    marker = folder / ".synth"
    want = f"{cases} {meetings} {indicators} {seed} {int(git)}"
    if marker.exists() and marker.read_text() == want:
        return folder
    print(f"generating {cases} cases, {meetings} meetings, {indicators} indicator files in {folder} …",
          file=sys.stderr)
    subprocess.run([sys.executable, str(HERE / "synth.py"), str(folder), "--cases", str(cases),
                    "--meetings", str(meetings), "--indicators", str(indicators), "--seed", str(seed)],
                   check=True)
    if git:
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic repository"]):
            git_run(folder, *args)
    marker.write_text(want)
    return folder


def git_run(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "core.excludesFile=", *args], cwd=repo,
                         env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True)
    return out.stdout


def table(rows: list[tuple[str, Sample, str]], *, memory: bool = False) -> str:
    """Rows of (label, median sample, note) as aligned text."""
    width = max(len(label) for label, _, _ in rows) + 2
    head = f"{'':{width}}{'wall':>9}{'cpu':>9}" + (f"{'RSS MiB':>9}{'PSS MiB':>9}" if memory else "")
    lines = [head]
    for label, s, note in rows:
        line = f"{label:{width}}{s.wall:8.3f}s{s.cpu:8.3f}s" + (f"{s.peak:9.0f}{s.pss:9.0f}" if memory else "")
        lines.append(line + (f"   {note}" if note else ""))
    return "\n".join(lines)
