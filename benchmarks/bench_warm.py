"""A warm `kvk check` against a cold one, on the 20,000-case synthetic repository.

    python benchmarks/bench_warm.py [--runs 5] [--repo benchmarks/synth] [--kvk PATH]

Per run, in this order (so every ratio is paired within the run):

  --no-cache   kvk check --no-cache: nothing read from or written to the cache
  cold         kvk cache clear, then kvk check: everything parsed, and the cache written
  warm         kvk check again: nothing changed
  one edit     one case's title edited, then kvk check (the edit is undone after the run)
  edit undone  kvk check after undoing it

Prints medians of wall and CPU time, and the warm, one-edit and cold figures as ratios of the
--no-cache check of the same run (the target: warm ≤ 0.25× cold). A kvk without a cache is
simply run twice (the issue's paired ratio of 1.00).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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
    cached = supports(kvk, ["check"], "--no-cache")
    case = sorted((repo / "data/saker").glob("*/*.yaml"))[7777 % 20000]
    original = case.read_bytes()
    names = ["--no-cache", "cold", "warm", "one edit", "edit undone"]
    samples = {n: [] for n in names}
    check = [kvk, "check", "--repo", str(repo)]
    print(f"{kvk}; {load_note()}")
    measure(check + (["--no-cache"] if cached else []))  # the page cache
    try:
        for _ in range(args.runs):
            samples["--no-cache"].append(measure(check + (["--no-cache"] if cached else [])))
            if cached:
                subprocess.run([kvk, "cache", "clear", "--repo", str(repo)], check=True, capture_output=True)
            samples["cold"].append(measure(check))
            samples["warm"].append(measure(check))
            case.write_bytes(original.replace(b"tittel: ", b"tittel: Endret ", 1))
            samples["one edit"].append(measure(check))
            case.write_bytes(original)
            samples["edit undone"].append(measure(check))
    finally:
        case.write_bytes(original)
    base = median(samples["--no-cache"])
    rows = [(n, median(samples[n]), f"{median(samples[n]).wall / base.wall:5.2f}x --no-cache "
                                    f"(cpu {median(samples[n]).cpu / base.cpu:.2f}x)  {spread(samples[n])}")
            for n in names]
    ratios = [w.wall / c.wall for w, c in zip(samples["warm"], samples["--no-cache"])]
    print(f"{sum(1 for _ in (repo / 'data').rglob('*.yaml'))} files; medians of {args.runs} runs; {load_note()}")
    print(table(rows))
    print(f"paired warm / --no-cache per run: {', '.join(f'{r:.2f}' for r in ratios)} "
          f"(median {statistics.median(ratios):.2f}; target <= 0.25)")


if __name__ == "__main__":
    sys.exit(main())
