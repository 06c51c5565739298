"""Lookups across repository sizes: does a command cost what it touches, or what the archive holds?

    python benchmarks/bench_lookups.py [--runs 5] [--sizes 1,5000,20000,40000] [--kvk PATH]

Synthetic repositories of 1, 5,000, 20,000 and 40,000 cases (meetings and indicator files in
the proportions of the 20,000-case one, at least one of each) are generated into
benchmarks/synth-sizes/ the first time. In each, for a case and a meeting in the middle of the
archive:

  kvk show SAKSNR, kvk show MEETING                  one record, names resolved
  kvk list cases --aar Y, kvk list meetings --aar Y  a year's listing
  kvk list cases --aar Y --utvalg B                  with a second filter
  kvk check CASE-FILE, kvk check MEETING-FILE        one file, with what it relates to
  kvk actions                                        the open follow-ups
  kvk render-case SAKSNR                             a document (the issue's flat reference)

timed as whole processes, sizes interleaved run by run; with the cache off (KVK_NO_CACHE=1)
and, where this kvk has one, warm. Prints medians of wall time per size and the ratio of each
size to the one-record repository (the target: ≤ 1.5× at 40,000).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bench import HERE, default_kvk, load_note, measure, median, supports, synth


def probes(repo: Path) -> dict[str, list[str]]:
    cases = sorted((repo / "data/saker").glob("*/*.yaml"))
    meetings = sorted((repo / "data/moter").glob("*/*.yaml"))
    case, meeting = cases[len(cases) // 2], meetings[len(meetings) // 2]
    first = case.read_text(encoding="utf-8").splitlines()[0]
    saksnr = first.split(":", 1)[1].strip()
    year = saksnr.split("/")[0]
    body = next(line.split(":", 1)[1].strip() for line in case.read_text(encoding="utf-8").splitlines()
                if line.startswith("  - utvalg:"))
    return {
        "show SAKSNR": ["show", saksnr],
        "show MEETING": ["show", meeting.stem],
        "list cases --aar Y": ["list", "cases", "--aar", year],
        "list meetings --aar Y": ["list", "meetings", "--aar", year],
        "list cases --aar Y --utvalg B": ["list", "cases", "--aar", year, "--utvalg", body],
        "check CASE-FILE": ["check", case.relative_to(repo).as_posix()],
        "check MEETING-FILE": ["check", meeting.relative_to(repo).as_posix()],
        "actions": ["actions"],
        "render-case SAKSNR": ["render-case", saksnr],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,5000,20000,40000")
    parser.add_argument("--folder", type=Path, default=HERE / "synth-sizes")
    parser.add_argument("--kvk", default=default_kvk())
    parser.add_argument("--only", default="", help="comma-separated probe names to run (default: all)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    repos = {n: synth(args.folder / str(n), cases=n) for n in sizes}
    plans = {n: probes(repo) for n, repo in repos.items()}
    names = [p for p in plans[sizes[0]] if not args.only or p in args.only.split(",")]
    warm = supports(args.kvk, ["check"], "--no-cache")
    modes = {"no cache": {"KVK_NO_CACHE": "1"}}
    if warm:
        modes["warm"] = {}
    print(f"{args.kvk}; {load_note()}")
    samples = {(name, mode, n): [] for name in names for mode in modes for n in sizes}
    for name in names:  # once each first: the page cache, and the kvk cache for the warm runs
        for mode, env in modes.items():
            for n in sizes:
                measure([args.kvk, *plans[n][name]], cwd=repos[n], env=env)
    for _ in range(args.runs):
        for name in names:
            for mode, env in modes.items():
                for n in sizes:
                    samples[(name, mode, n)].append(measure([args.kvk, *plans[n][name]], cwd=repos[n], env=env))
    print(f"medians of {args.runs} runs, wall seconds; ×1 = against the one-record repository; {load_note()}")
    head = f"{'command':<34}{'cache':<10}" + "".join(f"{n:>10,}" for n in sizes) + f"{'×1 at ' + format(sizes[-1], ','):>16}"
    print(head)
    for name in names:
        for mode in modes:
            walls = [median(samples[(name, mode, n)]).wall for n in sizes]
            ratio = walls[-1] / walls[0] if walls[0] else float("nan")
            print(f"{name:<34}{mode:<10}" + "".join(f"{w:10.3f}" for w in walls) + f"{ratio:15.2f}x")


if __name__ == "__main__":
    sys.exit(main())
