"""Time `kvk check` on the synthetic repository against a PyYAML baseline, in one run.

    python benchmarks/bench_check.py [--runs 5] [--repo benchmarks/synth]

Both are timed as whole processes (wall clock, interpreter start included):
  baseline  a plain script that only parses every record file with yaml.load(CSafeLoader)
  kvk check the real command, cold: load, validate, cross-record checks, report, with the
            cache off (--no-cache, where this kvk has one: what a first check costs)
and `kvk --help`. Prints medians and the ratio of kvk check to the baseline. (The warm check,
answered from the cache, is measured by bench_warm.py.) Python's bytecode cache is left on for
both, as for an installed kvk.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = """
import sys, yaml
from pathlib import Path
n = 0
for p in sorted(Path(sys.argv[1], "data").rglob("*.yaml")):
    with open(p, "rb") as f:
        yaml.load(f.read().decode("utf-8"), Loader=yaml.CSafeLoader)
    n += 1
print(n)
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


CPU: dict[str, list[float]] = {}  # label -> CPU seconds (user + system, workers included) per run


def timed(cmd: list[str], expect: tuple[int, ...] = (0,), label: str = "") -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in expect:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    CPU.setdefault(label, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--jobs", type=int, default=None, help="kvk check --jobs")
    parser.add_argument("--kvk", default=str(Path(sys.executable).with_name("kvk")), help="the kvk to measure")
    args = parser.parse_args()
    if not (args.repo / "kvk.yaml").exists():
        print(f"generating the synthetic repository in {args.repo} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(args.repo)], check=True)
    kvk = args.kvk
    files = sum(1 for _ in (args.repo / "data").rglob("*.yaml"))
    cold = ["--no-cache"] if "--no-cache" in subprocess.run([kvk, "check", "--help"], capture_output=True,
                                                            text=True).stdout else []
    check = [kvk, "check", "--repo", str(args.repo), *cold] + (["--jobs", str(args.jobs)] if args.jobs else [])
    base, full, helps = [], [], []
    timed([sys.executable, "-c", BASELINE, str(args.repo)])  # warm the page cache
    for _ in range(args.runs):
        base.append(timed([sys.executable, "-c", BASELINE, str(args.repo)], label="base"))
        full.append(timed(check, label="check"))
        helps.append(timed([kvk, "--help"]))
    b, f, h = (statistics.median(x) for x in (base, full, helps))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{kvk}; records: {files} files, {args.runs} runs each, medians of wall time; load average {load}")
    print(f"baseline (CSafeLoader parse only): {b:7.2f} s")
    print(f"kvk check (full{', no cache' if cold else ''}):       {f:7.2f} s   ratio {f / b:.2f}x baseline (target <= 0.40x)")
    print(f"kvk --help:                        {h:7.3f} s   (target <= 0.1 s)")
    bc, fc = statistics.median(CPU["base"]), statistics.median(CPU["check"])
    print(f"CPU time (user + system, workers included): baseline {bc:.2f} s, kvk check {fc:.2f} s, ratio "
          f"{fc / bc:.2f}x (on a loaded machine the wall ratio favours the one-process baseline; two "
          f"idle cores would give about half the CPU ratio)")


if __name__ == "__main__":
    main()
