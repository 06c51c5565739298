"""Start-up: what a single small command costs, against starting Python itself.

    python benchmarks/bench_startup.py [--runs 10] [--kvk PATH] [--before PATH]

On this checkout's own repository (data/: the two seed documents) and on the 20,000-case
synthetic one, each as a whole process, interleaved run by run:

  python -c pass                              the floor: the interpreter alone
  kvk --help, kvk --version                   the command line, nothing loaded
  kvk render-minutes 2009-10-30-styringsgruppa, kvk render-case 2008/1001
                                              a single render (target: ≤ 0.15 s)
  kvk show 2008/1001, kvk check data/saker/2008/2008-1001.yaml
  kvk render-case SAKSNR on the synthetic repository (flat: as on the small one)

Prints medians of wall and CPU time and the targets. With ``--before`` (another checkout's kvk,
e.g. the main branch's), its commands run interleaved with this one's, run by run, and each
row of this kvk shows the ratio to the same command before.
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
    parser.add_argument("--before", default=None, help="another kvk, measured in the same runs")
    args = parser.parse_args()
    big = synth(args.repo)
    kvk = args.kvk
    case = sorted((big / "data/saker").glob("*/*.yaml"))[10000]
    saksnr = case.read_text(encoding="utf-8").splitlines()[0].split(":", 1)[1].strip()

    def probes(kvk: str, tag: str = "") -> dict:
        return {
            f"kvk --help{tag}": ([kvk, "--help"], SMALL),
            f"kvk --version{tag}": ([kvk, "--version"], SMALL),
            f"kvk render-minutes (seed){tag}": ([kvk, "render-minutes", "2009-10-30-styringsgruppa"], SMALL),
            f"kvk render-case 2008/1001 (seed){tag}": ([kvk, "render-case", "2008/1001"], SMALL),
            f"kvk render-case --format html (seed){tag}": ([kvk, "render-case", "2008/1001", "--format", "html"], SMALL),
            f"kvk show 2008/1001 (seed){tag}": ([kvk, "show", "2008/1001"], SMALL),
            f"kvk check one file (seed){tag}": ([kvk, "check", "data/saker/2008/2008-1001.yaml"], SMALL),
            f"kvk render-case {saksnr} (20,000 cases){tag}": ([kvk, "render-case", saksnr], big),
        }

    BEFORE = " [before]"
    commands = {"python -c pass": ([sys.executable, "-c", "pass"], SMALL)}
    before = probes(args.before, BEFORE) if args.before else {}
    for name, probe in probes(kvk).items():  # each command right beside the same one before
        commands[name] = probe
        if before:
            commands[name + BEFORE] = before[name + BEFORE]
    print(f"{kvk}" + (f" against {args.before}" if args.before else "") + f"; {load_note()}")
    samples = {name: [] for name in commands}
    for cmd, cwd in commands.values():
        measure(cmd, cwd=cwd)
    for _ in range(args.runs):
        for name, (cmd, cwd) in commands.items():
            samples[name].append(measure(cmd, cwd=cwd))
    floor = median(samples["python -c pass"]).wall

    def note(name: str, s: list) -> str:
        out = f"{median(s).wall - floor:6.3f}s above the floor  {spread(s)}"
        before = samples.get(name + BEFORE)
        if before and not name.endswith(BEFORE):
            b = median(before)
            out += f"  ×{median(s).wall / b.wall:.2f} wall, ×{median(s).cpu / b.cpu:.2f} CPU of before"
        return out

    rows = [(name, median(s), note(name, s)) for name, s in samples.items()]
    print(f"medians of {args.runs} runs; {load_note()}; targets: a single render <= 0.15 s, kvk --help <= 0.1 s")
    print(table(rows))


if __name__ == "__main__":
    sys.exit(main())
