"""Time `kvk check --changed` against a full `kvk check` on the synthetic repository.

    python benchmarks/bench_changed.py [--runs 5] [--keep DIR]

Generates the synthetic repository (20,000 cases, 3,000 meetings, 500 indicators, seed 1) into a
temporary folder, commits it to a fresh git repository on `main`, and on a branch makes the
everyday review change: one case edited (its title and a meeting date in its saksgang). Then
times, as whole processes (interpreter start included):

  kvk --help                the floor: starting Python and the CLI
  kvk check --changed       the one-file change, with its related records
  kvk check --changed (mv)  the same, after renumbering the case with git mv
  kvk check                 everything

(all with the cache off, --no-cache, where this kvk has one: bench_subset.py measures the
warm cache too) and prints medians of wall-clock and of CPU time (user + system, less disturbed by other load on
the machine), and the ratio of --changed to the full check.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.no",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.no"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, env=ENV, check=True,
                   capture_output=True)


def timed(cmd: list[str], cwd: Path, expect=(0,)) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in expect:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def generate(repo: Path) -> None:
    subprocess.run([sys.executable, str(HERE / "synth.py"), str(repo), "--cases", "20000", "--meetings", "3000",
                    "--indicators", "500", "--seed", "1"], check=True, capture_output=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "synthetic repository")


def prepare(repo: Path) -> str:
    """A branch 'review' off main with one case edited (a kept repository is reset first)."""
    git(repo, "switch", "-q", "-f", "-C", "review", "main")
    git(repo, "clean", "-q", "-f", "-d", "--", "data")
    case = sorted((repo / "data/saker").glob("*/*.yaml"))[len(list((repo / "data/saker").glob("*/*.yaml"))) // 2]
    text = case.read_text(encoding="utf-8").replace("tittel: ", "tittel: Endret ", 1)
    case.write_text(text, encoding="utf-8")
    rel = case.relative_to(repo).as_posix()
    # the benchmark measures the ordinary path: the change must be valid
    subprocess.run([str(Path(sys.executable).with_name("kvk")), "check", rel], cwd=repo, check=True,
                   capture_output=True)
    return rel


def renumber(repo: Path, rel: str) -> None:
    """git mv the case to the next free number in its year, and fix its saksnr."""
    year = rel.split("/")[2]
    taken = {p.stem for p in (repo / "data/saker" / year).glob("*.yaml")}
    seq = max(int(s.split("-")[1]) for s in taken) + 1
    new = f"data/saker/{year}/{year}-{seq:04d}.yaml"
    git(repo, "mv", rel, new)
    path = repo / new
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("saksnr: "), lines[0]
    lines[0] = f"saksnr: {year}/{seq}\n"
    path.write_text("".join(lines), encoding="utf-8")


def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    kvk = str(Path(sys.executable).with_name("kvk"))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kvk-bench-"))
    repo = folder / "repo"
    try:
        if not (repo / ".git").exists():
            print(f"generating and committing the synthetic repository in {repo} …", file=sys.stderr)
            generate(repo)
        rel = prepare(repo)
        files = sum(1 for _ in (repo / "data").rglob("*.yaml"))
        cold = ["--no-cache"] if "--no-cache" in subprocess.run([kvk, "check", "--help"], capture_output=True,
                                                                text=True).stdout else []
        timed([kvk, "check", "--changed", *cold], repo, (0, 1))  # warm the page cache
        helps, changed, full = [], [], []
        for _ in range(args.runs):
            helps.append(timed([kvk, "--help"], repo))
            changed.append(timed([kvk, "check", "--changed", *cold], repo, (0, 1)))
        for _ in range(max(1, args.runs // 2)):
            full.append(timed([kvk, "check", *cold], repo, (0, 1)))
        renumber(repo, rel)
        moved = [timed([kvk, "check", "--changed", *cold], repo, (0, 1)) for _ in range(args.runs)]
        (h, hc), (c, cc), (m, mc), (f, fc) = map(median, (helps, changed, moved, full))
        print(f"records: {files} files; medians of {args.runs} runs ({len(full)} for the full check)")
        print(f"{'':34}{'wall':>9}{'cpu':>9}")
        print(f"{'kvk --help':34}{h:8.2f}s{hc:8.2f}s")
        print(f"{'kvk check --changed (1 file)':34}{c:8.2f}s{cc:8.2f}s")
        print(f"{'kvk check --changed (git mv)':34}{m:8.2f}s{mc:8.2f}s")
        print(f"{'kvk check (all)':34}{f:8.2f}s{fc:8.2f}s")
        print(f"ratio --changed / full: wall {c / f:.3f} ({f / c:.0f}x faster), cpu {cc / fc:.3f}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
