"""The figures for issue 12's closing note: for each area, tried / handled / failed.

    .venv/bin/python -m tests.attack.figures                 # the local run (several minutes)
    .venv/bin/python -m tests.attack.figures --quick         # a smaller run

Areas: the probes of the issue, as tests (input, writes, templates, small groups, public
review output; each test one probe or a parametrised family of them), the mutation fuzzer,
kill -9 of every writing command, concurrent new-case pairs and a full disk.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from . import faults, fuzz

ROOT = Path(__file__).resolve().parents[2]
PROBES = {
    "input (FIFO, folders, characters, numbers, digits, one-line findings)": "tests/io/test_input.py",
    "writes (lock, transactions, recover, -o)": "tests/io/test_writes.py",
    "templates (links, FIFO, recursion, range)": "tests/attack/test_templates.py",
    "small groups (scorecard, JSON, HTML, SVG, findings)": "tests/attack/test_small_groups.py",
    "public review output (diff --public, md, KVK500)": "tests/review/test_public.py",
    "bad-record corpus, both parsers": "tests/check/test_bad_corpus.py",
}


def probe_rows() -> list[tuple[str, int, int, int]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for area, path in PROBES.items():
            report = Path(tmp) / "junit.xml"
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path,
                            f"--junitxml={report}"], cwd=ROOT, capture_output=True)
            suite = ET.parse(report).getroot()
            suite = suite if suite.tag == "testsuite" else suite[0]
            tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
            failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            tried = tests - skipped
            rows.append((area, tried, tried - failed, failed))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 fuzz cases, 40 kills, 6 pairs")
    args = parser.parse_args(argv)
    cases, kills, pairs = (300, 40, 6) if args.quick else (3000, 200, 25)
    rows = probe_rows()
    fuzzed = fuzz.run(cases)
    total, bad = sum(fuzzed.tried.values()), sum(fuzzed.failed.values())
    rows.append((f"mutation fuzzer ({len(fuzzed.tried)} kinds of mutation)", total, total - bad, bad))
    killed = faults.kill_runs(kills)
    for area in sorted(killed.tried):
        rows.append((area, killed.tried[area], killed.tried[area] - killed.failed[area], killed.failed[area]))
    paired = faults.concurrent_pairs(pairs)
    rows.append(("concurrent new-case pairs", pairs, pairs - sum(paired.failed.values()), sum(paired.failed.values())))
    full, skipped = faults.disk_full()
    if skipped:
        rows.append((f"disk full: skipped ({skipped})", 0, 0, 0))
    for area in sorted(full.tried):
        rows.append((area, full.tried[area], full.tried[area] - full.failed[area], full.failed[area]))
    print("| area | tried | handled | failed |\n|---|---|---|---|")
    for area, tried, handled, failed in rows:
        print(f"| {area} | {tried} | {handled} | {failed} |")
    for line in fuzzed.failures + killed.failures + paired.failures + full.failures:
        print("FAILED", line)
    return 1 if any(r[3] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
