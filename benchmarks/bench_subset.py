"""Checking chosen files against a full check, on the 20,000-case synthetic repository.

    python benchmarks/bench_subset.py [--runs 3] [--repo benchmarks/synth-git] [--kvk PATH]

The repository is generated and committed to git (on `main`) the first time. Timed as whole
processes, interleaved run by run with a full `kvk check` of the same tree:

  kvk check data/saker/2009               one year's cases (958 of 20,000)
  kvk check data/saker/2009 …/2010        two years (linear: about twice the above)
  kvk check data/saker                    every case
  kvk check --changed                     on a branch with 1, 10, 100 and 1,000 cases edited

each without the cache (`--no-cache`: what a subset costs by itself, as on a fresh clone) and,
where this kvk has one, with a warm cache (the command run once before). Prints medians of wall
and CPU time and the ratio of each to the full check measured in the same block (the target:
≤ 0.3× for one year and for 100 changed files), and the time per selected file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bench import HERE, Sample, default_kvk, git_run, load_note, measure, median, spread, supports, synth, table


def edit(repo: Path, count: int) -> list[str]:
    """A branch 'review' off main with ``count`` cases edited (their title), spread over the
    archive."""
    git_run(repo, "switch", "-q", "-f", "-C", "review", "main")
    git_run(repo, "clean", "-q", "-f", "-d", "--", "data")
    cases = sorted((repo / "data/saker").glob("*/*.yaml"))
    step = max(1, len(cases) // count)
    chosen = cases[step // 2::step][:count]
    for case in chosen:
        text = case.read_text(encoding="utf-8").replace("tittel: ", "tittel: Endret ", 1)
        case.write_text(text, encoding="utf-8")
    return [c.relative_to(repo).as_posix() for c in chosen]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE / "synth-git")
    parser.add_argument("--kvk", default=default_kvk(), help="the kvk to measure")
    parser.add_argument("--changed", default="1,10,100,1000", help="numbers of edited cases")
    parser.add_argument("--skip-all-cases", action="store_true", help="leave out `kvk check data/saker`")
    args = parser.parse_args()
    repo = synth(args.repo, git=True)
    kvk = args.kvk
    cached = supports(kvk, ["check"], "--no-cache")
    cold = ["--no-cache"] if cached else []
    modes = [("", cold)] + ([(" (warm cache)", [])] if cached else [])
    print(f"{kvk}; {load_note()}")

    def block(title: str, commands: dict[str, list[str]], selected: dict[str, int]) -> None:
        full = [kvk, "check", *cold]
        samples: dict[str, list[Sample]] = {"kvk check (full, no cache)": []}
        runs: dict[str, list[str]] = {}
        for name, cmd in commands.items():
            for label, extra in modes:
                runs[name + label] = cmd + extra
                samples[name + label] = []
        for cmd in runs.values():  # warm the page cache, and the kvk cache for the warm runs
            measure(cmd, cwd=repo)
        for _ in range(args.runs):
            samples["kvk check (full, no cache)"].append(measure(full, cwd=repo))
            for name, cmd in runs.items():
                samples[name].append(measure(cmd, cwd=repo))
        base = median(samples["kvk check (full, no cache)"])
        rows = []
        for name, got in samples.items():
            m = median(got)
            n = next((v for k, v in selected.items() if name.startswith(k)), 0)
            per = f", {1000 * m.wall / n:.2f} ms/file" if n else ""
            rows.append((name, m, f"{m.wall / base.wall:5.2f}x full (cpu {m.cpu / base.cpu:.2f}x){per}  {spread(got)}"))
        print(f"\n{title}; medians of {args.runs} runs, {load_note()}")
        print(table(rows))

    git_run(repo, "switch", "-q", "-f", "-C", "review", "main")
    git_run(repo, "clean", "-q", "-f", "-d", "--", "data")
    years = {
        "kvk check data/saker/2009": [kvk, "check", "data/saker/2009"],
        "kvk check data/saker/2009 data/saker/2010": [kvk, "check", "data/saker/2009", "data/saker/2010"],
    }
    if not args.skip_all_cases:
        years["kvk check data/saker"] = [kvk, "check", "data/saker"]
    count = {name: sum(len(list((repo / p).rglob("*.yaml"))) for p in cmd[2:]) for name, cmd in years.items()}
    block("chosen folders", years, count)

    for n in [int(x) for x in args.changed.split(",") if x]:
        edit(repo, n)
        block(f"{n} case{'s' * (n != 1)} edited on a branch",
              {f"kvk check --changed ({n})": [kvk, "check", "--changed"]}, {f"kvk check --changed ({n})": n})
    git_run(repo, "switch", "-q", "-f", "main")
    git_run(repo, "clean", "-q", "-f", "-d", "--", "data")


if __name__ == "__main__":
    sys.exit(main())
