"""Start-up: what a single small command costs, against starting Python itself.

    python benchmarks/bench_startup.py [--runs 10] [--kvk PATH]

On this checkout's own repository (data/: the two seed documents) and on the 20,000-case
synthetic one, each as a whole process, interleaved run by run:

  python -c pass                              the floor: the interpreter alone
  kvk --help, kvk --version                   the command line, nothing loaded
  kvk render-minutes 2009-10-30-styringsgruppa, kvk render-case 2008/1001
                                              a single render (target: ≤ 0.15 s)
  kvk show 2008/1001, kvk check data/saker/2008/2008-1001.yaml
  kvk render-case SAKSNR on the synthetic repository (flat: as on the small one)

Prints medians of wall and CPU time and the targets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bench import HERE, default_kvk, load_note, measure, median, spread, synth, table

SMALL = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--kvk", default=default_kvk())
    args = parser.parse_args()
    big = synth(args.repo)
    kvk = args.kvk
    case = sorted((big / "data/saker").glob("*/*.yaml"))[10000]
    saksnr = case.read_text(encoding="utf-8").splitlines()[0].split(":", 1)[1].strip()
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], SMALL),
        "kvk --help": ([kvk, "--help"], SMALL),
        "kvk --version": ([kvk, "--version"], SMALL),
        "kvk render-minutes (seed)": ([kvk, "render-minutes", "2009-10-30-styringsgruppa"], SMALL),
        "kvk render-case 2008/1001 (seed)": ([kvk, "render-case", "2008/1001"], SMALL),
        "kvk render-case --format html (seed)": ([kvk, "render-case", "2008/1001", "--format", "html"], SMALL),
        "kvk show 2008/1001 (seed)": ([kvk, "show", "2008/1001"], SMALL),
        "kvk check one file (seed)": ([kvk, "check", "data/saker/2008/2008-1001.yaml"], SMALL),
        f"kvk render-case {saksnr} (20,000 cases)": ([kvk, "render-case", saksnr], big),
    }
    print(f"{kvk}; {load_note()}")
    samples = {name: [] for name in commands}
    for cmd, cwd in commands.values():
        measure(cmd, cwd=cwd)
    for _ in range(args.runs):
        for name, (cmd, cwd) in commands.items():
            samples[name].append(measure(cmd, cwd=cwd))
    floor = median(samples["python -c pass"]).wall
    rows = [(name, median(s), f"{median(s).wall - floor:6.3f}s above the floor  {spread(s)}") for name, s in samples.items()]
    print(f"medians of {args.runs} runs; {load_note()}; targets: a single render <= 0.15 s, kvk --help <= 0.1 s")
    print(table(rows))


if __name__ == "__main__":
    sys.exit(main())
