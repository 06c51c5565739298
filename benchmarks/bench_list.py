"""Reading commands against a full check, on the synthetic repository, in one run.

    python benchmarks/bench_list.py [--runs 5] [--repo benchmarks/synth]

Each command is timed as a whole process (wall clock, interpreter start included), interleaved
with the others run by run, and its peak memory is the largest resident size of the process and
its worker processes together (sampled from /proc every 10 ms; on systems without /proc, the
main process's own peak). Prints medians and the ratio of each command to `kvk check`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


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


def measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MiB of the process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kib(p) for p in _tree(proc.pid)))
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    if not peak:  # no /proc: the main process's own peak
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--year", type=int, default=2009)
    args = parser.parse_args()
    if not (args.repo / "kvk.yaml").exists():
        print(f"generating the synthetic repository in {args.repo} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(args.repo)], check=True)
    kvk = str(Path(sys.executable).with_name("kvk"))
    repo = ["--repo", str(args.repo)]
    commands = {
        "kvk check": [kvk, "check", *repo],
        "kvk list cases": [kvk, "list", "cases", *repo],
        "kvk list cases --format json": [kvk, "list", "cases", "--format", "json", *repo],
        f"kvk list cases --aar {args.year}": [kvk, "list", "cases", "--aar", str(args.year), *repo],
        "kvk list meetings": [kvk, "list", "meetings", *repo],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    measure(commands["kvk check"])  # warm the page cache
    for _ in range(args.runs):
        for name, cmd in commands.items():
            t, m = measure(cmd)
            times[name].append(t)
            peaks[name].append(m)
    base_t, base_m = statistics.median(times["kvk check"]), statistics.median(peaks["kvk check"])
    cases = sum(1 for _ in (args.repo / "data" / "saker").rglob("*.yaml"))
    print(f"{cases} cases; {args.runs} runs each, interleaved; medians")
    print(f"{'command':<34} {'wall':>8} {'× check':>8} {'peak MiB':>9} {'× check':>8}")
    for name in commands:
        t, m = statistics.median(times[name]), statistics.median(peaks[name])
        print(f"{name:<34} {t:7.2f}s {t / base_t:7.2f}x {m:9.0f} {m / base_m:7.2f}x")


if __name__ == "__main__":
    main()
