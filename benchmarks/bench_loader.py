"""Where a record file's time goes in the YAML loader, per file, in one process.

    python benchmarks/bench_loader.py [--repo benchmarks/synth] [--files 2500] [--runs 3]

On a sample of the synthetic repository's cases and meetings (read into memory first, so no
figure includes the disk), the best of ``--runs`` passes over all of them, in microseconds per
file:

  CParser(bytes) + dispose      libyaml's per-file set-up alone
  libyaml events, one parser    pulling every event into Python (PyYAML's Cython CParser)
    per file
  libyaml events, one stream    the same files as one stream of documents (--- between
                                them): what a parser shared by many files would save
  kvk.io.yaml.load_bytes        what kvk check does: events into plain values
  yaml.load(CSafeLoader)        the baseline of bench_check.py

The cold check's target (≤ 0.40× the CSafeLoader baseline) is a whole check's time; this says
how much of it the loader is, and what the ideas for a faster one could win at most.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _bench import HERE, load_note, synth


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    parser.add_argument("--files", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    repo = synth(args.repo)

    import yaml

    from kvk.io import yaml as kvk_yaml

    cases = sorted((repo / "data/saker").glob("*/*.yaml"))
    meetings = sorted((repo / "data/moter").glob("*/*.yaml"))
    # cases and meetings in the proportions of the archive, spread over it
    want_meetings = max(1, args.files * len(meetings) // (len(cases) + len(meetings)))
    chosen = (cases[:: max(1, len(cases) // (args.files - want_meetings))][: args.files - want_meetings]
              + meetings[:: max(1, len(meetings) // want_meetings)][:want_meetings])
    raws = [p.read_bytes() for p in chosen]
    names = [p.relative_to(repo).as_posix() for p in chosen]
    n = len(raws)
    end = yaml.StreamEndEvent

    def setup() -> None:
        for raw in raws:
            yaml.cyaml.CParser(raw).dispose()

    def events() -> None:
        for raw in raws:
            p = yaml.cyaml.CParser(raw)
            get = p.get_event
            while type(get()) is not end:
                pass
            p.dispose()

    stream = b"".join(b"---\n" + raw for raw in raws)

    def one_stream() -> None:
        p = yaml.cyaml.CParser(stream)
        get = p.get_event
        while type(get()) is not end:
            pass
        p.dispose()

    def kvk() -> None:
        for raw, name in zip(raws, names):
            kvk_yaml.load_bytes(raw, name)

    def csafe() -> None:
        for raw in raws:
            yaml.load(raw.decode("utf-8"), Loader=yaml.CSafeLoader)

    rows = [("CParser(bytes) + dispose", setup), ("libyaml events, one parser per file", events),
            ("libyaml events, one stream", one_stream), ("kvk.io.yaml.load_bytes", kvk),
            ("yaml.load(CSafeLoader)", csafe)]
    print(f"{n} files ({len(chosen) - want_meetings} cases, {want_meetings} meetings), "
          f"{sum(map(len, raws)) // n} bytes each on average; best of {args.runs}; {load_note()}")
    figures = {}
    for label, fn in rows:
        best = min(_timed(fn) for _ in range(args.runs))
        figures[label] = best
        print(f"{label:40s} {1e6 * best / n:7.1f} µs/file")
    print(f"kvk's loader: {figures['kvk.io.yaml.load_bytes'] / figures['yaml.load(CSafeLoader)']:.2f}x "
          f"the CSafeLoader's time")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
