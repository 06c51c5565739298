"""What `kvk check --changed` reads, by step, for 1, 10, 100 and 1,000 edited cases.

    python benchmarks/bench_fanout.py [--repo benchmarks/synth-git] [--changed 1,10,100,1000]

On the git repository bench_subset.py uses (20,000 cases; a branch 'review' with the cases
edited as bench_subset.py edits them), runs the check in this process (--jobs 1, no cache)
and prints each file listing it made: how many files it looked at, how many it kept (and so
parsed), whether it searched their text, and its time. The sum of the kept files is what the
check parsed; the ratio to the edited files is the fan-out that makes the cost of --changed
per edited file grow (a changed case brings the meetings that name it, which are checked too,
and those bring every case on their agendas as context).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

from _bench import HERE, git_run, load_note, synth
from bench_subset import edit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=HERE / "synth-git")
    parser.add_argument("--changed", default="1,10,100,1000")
    args = parser.parse_args()
    repo = synth(args.repo, git=True)

    import kvk.repository as repository
    from kvk.cli import main as kvk

    steps: list[tuple[int, int, str, float]] = []
    listing = repository.Repository.record_files

    def record_files(self, scope, *, read=True):
        start = time.perf_counter()
        out = listing(self, scope, read=read)
        searched = "searched" if scope.pattern is not None else ""
        steps.append((len(scope.targets), len(out[0]), searched, time.perf_counter() - start))
        return out

    repository.Repository.record_files = record_files
    print(f"{repo}; {load_note()}")
    try:
        for n in (int(x) for x in args.changed.split(",")):
            edit(repo, n)
            steps.clear()
            sys.argv = ["kvk", "check", "--changed", "--no-cache", "--jobs", "1", "--repo", str(repo)]
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                kvk()
            wall = time.perf_counter() - start
            parsed = sum(kept for _, kept, _, _ in steps)
            print(f"\n{n} case{'s' * (n != 1)} edited: {parsed} files parsed ({parsed / n:.1f} per edit), {wall:.1f} s")
            for looked, kept, searched, took in steps:
                print(f"  {looked:6d} files listed -> {kept:6d} kept  {searched:8s} {took:6.2f} s")
    finally:
        git_run(repo, "switch", "-q", "-f", "main")


if __name__ == "__main__":
    sys.exit(main())
