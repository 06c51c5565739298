"""`kvk check-indicators` against a full `kvk check`, on the 20,000-case synthetic repository.

    python benchmarks/bench_indicators.py [--runs 5] [--repo benchmarks/synth] [--kvk PATH]

Both as whole processes, interleaved run by run, with the peak memory of the process and its
workers together (sampled from /proc every 10 ms), as resident size (RSS, which counts the pages
a forked worker shares with its parent once per process) and as proportional set size (PSS,
which counts them once). The full check reads the same 500
indicator files and everything else; check-indicators also draws the scorecard. Both without
the cache (`--no-cache`, where this kvk has one). Prints medians and the ratios (the target:
≤ 0.5× the check's wall time and ≤ 100 MiB).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bench import HERE, default_kvk, load_note, measure, median, spread, supports, synth, table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--kvk", default=default_kvk())
    args = parser.parse_args()
    repo = synth(args.repo)
    kvk = args.kvk
    no_cache = ["--no-cache"] if supports(kvk, ["check"], "--no-cache") else []
    commands = {
        "kvk check": [kvk, "check", "--repo", str(repo), *no_cache],
        "kvk check-indicators": [kvk, "check-indicators", "--repo", str(repo), *no_cache],
        "kvk check-indicators --format json": [kvk, "check-indicators", "--format", "json", "--repo", str(repo), *no_cache],
    }
    if not supports(kvk, ["check-indicators"], "--no-cache"):
        for name in ("kvk check-indicators", "kvk check-indicators --format json"):
            commands[name] = [c for c in commands[name] if c != "--no-cache"]
    print(f"{kvk}; {load_note()}")
    samples = {name: [] for name in commands}
    for cmd in commands.values():
        measure(cmd)  # the page cache
    for _ in range(args.runs):
        for name, cmd in commands.items():
            samples[name].append(measure(cmd, memory=True))
    base = median(samples["kvk check"])
    rows = [(name, median(s), f"{median(s).wall / base.wall:5.2f}x check's wall, {median(s).pss / base.pss:.2f}x its "
                              f"PSS  {spread(s)}") for name, s in samples.items()]
    print(f"medians of {args.runs} runs; {load_note()}")
    print(table(rows, memory=True))


if __name__ == "__main__":
    sys.exit(main())
