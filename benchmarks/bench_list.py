"""Reading commands against a full check, on the synthetic repository, in one run.

    python benchmarks/bench_list.py [--runs 5] [--repo benchmarks/synth] [--kvk PATH]

Each command is timed as a whole process (wall clock, interpreter start included), interleaved
with the others run by run, and its peak memory is the largest resident size of the process and
its worker processes together (sampled from /proc every 10 ms). Every command runs with the
cache off (KVK_NO_CACHE=1) and, where this kvk has one, with it warm. Prints medians and the
ratio of each command to `kvk check` in the same mode (the target: a year's
`list cases --aar` ≤ 0.5× a full check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bench import HERE, default_kvk, load_note, measure, median, supports, synth


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--year", type=int, default=2009)
    parser.add_argument("--kvk", default=default_kvk())
    args = parser.parse_args()
    repo = synth(args.repo)
    kvk = args.kvk
    where = ["--repo", str(repo)]
    commands = {
        "kvk check": [kvk, "check", *where],
        "kvk list cases": [kvk, "list", "cases", *where],
        "kvk list cases --format json": [kvk, "list", "cases", "--format", "json", *where],
        f"kvk list cases --aar {args.year}": [kvk, "list", "cases", "--aar", str(args.year), *where],
        "kvk list meetings": [kvk, "list", "meetings", *where],
    }
    modes = {"no cache": {"KVK_NO_CACHE": "1"}}
    if supports(kvk, ["check"], "--no-cache"):
        modes["warm"] = {}
    print(f"{kvk}; {load_note()}")
    samples = {(name, mode): [] for name in commands for mode in modes}
    for name, cmd in commands.items():  # the page cache, and the kvk cache for the warm runs
        for env in modes.values():
            measure(cmd, env=env)
    for _ in range(args.runs):
        for name, cmd in commands.items():
            for mode, env in modes.items():
                samples[(name, mode)].append(measure(cmd, env=env, memory=True))
    cases = sum(1 for _ in (repo / "data" / "saker").rglob("*.yaml"))
    print(f"{cases} cases; {args.runs} runs each, interleaved; medians; {load_note()}")
    print(f"{'command':<34} {'cache':<9} {'wall':>8} {'× check':>8} {'peak MiB':>9} {'× check':>8}")
    for mode in modes:
        base = median(samples[("kvk check", mode)])
        for name in commands:
            m = median(samples[(name, mode)])
            print(f"{name:<34} {mode:<9} {m.wall:7.2f}s {m.wall / base.wall:7.2f}x {m.peak:9.0f} {m.peak / base.peak:7.2f}x")


if __name__ == "__main__":
    sys.exit(main())
