"""Time rendering every meeting of the synthetic repository, against loading those records.

    python benchmarks/bench_render.py [--runs 3] [--repo benchmarks/synth]

In one process, per run:
  load    the records the documents need, as the render commands load them: the organisation,
          every meeting file and every case on an agenda (parse, validate, index; one process)
  md      render the minutes (referat/møteprotokoll) of every meeting to Markdown
  html    the same to HTML
Prints medians over the runs: milliseconds per document, and the ratio of rendering time to
loading time (target: below 1, rendering costs less than loading).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def load(repo):
    from kvk import layout
    from kvk.repository import Index, Scope

    first = repo.load(Scope.kinds(layout.MOETE), jobs=1)
    cases = {f for r in first.records if r.kind == "moete" for p in r.model.saker if p.sak
             for f in layout.case_files(repo.root, p.sak)}
    second = repo.load(Scope.files(sorted(cases)), jobs=1)
    return Index(first.records + [r for r in second.records if r.kind == "sak"])


def render_all(renderer, index, fmt: str) -> int:
    from kvk.render import Options

    options = Options(fmt=fmt)
    count = 0
    for records in index.meetings.values():
        renderer.render("minutes", records[0].model, index, options)
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE / "synth")
    args = parser.parse_args()
    if not (args.repo / "kvk.yaml").exists():
        print(f"generating the synthetic repository in {args.repo} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "synth.py"), str(args.repo)], check=True)

    from kvk.render import Renderer
    from kvk.repository import Repository

    repo = Repository.open(explicit=str(args.repo))
    loads, per_doc = [], {"md": [], "html": []}
    documents = 0
    for run in range(args.runs):
        start = time.perf_counter()
        index = load(repo)
        loads.append(time.perf_counter() - start)
        renderer = Renderer(repo.root, repo.config)  # template compilation is part of the cost
        for fmt in per_doc:
            start = time.perf_counter()
            documents = render_all(renderer, index, fmt)
            per_doc[fmt].append(time.perf_counter() - start)
        print(f"run {run + 1}: load {loads[-1]:.2f} s, md {per_doc['md'][-1]:.2f} s, "
              f"html {per_doc['html'][-1]:.2f} s", file=sys.stderr)

    load_s = statistics.median(loads)
    print(f"{documents} meetings, {len(index.cases)} cases on their agendas; median of {args.runs} runs")
    print(f"loading those records: {load_s:.2f} s ({1000 * load_s / documents:.2f} ms per meeting)")
    for fmt, times in per_doc.items():
        total = statistics.median(times)
        print(f"render minutes to {fmt:<4}: {total:.2f} s, {1000 * total / documents:.2f} ms per document, "
              f"{total / load_s:.2f}x loading")


if __name__ == "__main__":
    main()
