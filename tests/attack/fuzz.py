"""A mutation fuzzer over the real records (issue 12, point 7b).

Each case takes a record file of the product's own data (``data/``) or the broken-record
corpus' base repository, and mutates it: byte flips, deleted and duplicated lines, indentation
shifts, type swaps, huge strings and lists, deep nesting, odd encodings, escapes that make
control characters. The invariants, for every case:

* both YAML parsers (libyaml and pure Python) give the same result;
* loading never raises anything but a located finding: the record loads, or every diagnostic
  has a code, a line and a column, and formats as exactly one line;
* every so many cases, ``kvk check`` (and for a case file ``kvk render-case --public``) runs on
  a repository holding the mutated file: exit 0, 1 or 2, no traceback, every finding line
  ``path:line:col: severity KVKnnn …``.

Run it locally with many cases::

    .venv/bin/python -m tests.attack.fuzz --cases 3000

The normal suite runs a bounded number (tests/attack/test_fuzz.py; KVK_FUZZ_CASES to change).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "bad" / "_base"
FINDING_LINE = re.compile(r'^(?:"[^"]*"|[^:"]+):\d+:\d+: (error|warning|info) KVK\d{3} ')


def sources() -> list[tuple[Path, str, Path]]:
    """(repository root, relative path, file) of every real record to mutate."""
    out = []
    for root in (ROOT, BASE):
        for file in sorted((root / "data").rglob("*.yaml")):
            out.append((root, file.relative_to(root).as_posix(), file))
    return out


# --- mutations --------------------------------------------------------------------------------

def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


def flip_bytes(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def delete_line(raw: bytes, rng: random.Random) -> bytes:
    lines = _lines(raw)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(raw: bytes, rng: random.Random) -> bytes:
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"".join(lines)


def shift_indent(raw: bytes, rng: random.Random) -> bytes:
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    lines[i] = (b" " * rng.choice([1, 2, 4]) + lines[i]) if rng.random() < 0.6 else lines[i].lstrip(b" ")
    return b"".join(lines)


_VALUE = re.compile(rb"^(\s*(?:- )?[\w\xc3\xa6\xc3\xb8\xc3\xa5]+: )(\S.*)$", re.M)


def swap_type(raw: bytes, rng: random.Random) -> bytes:
    found = list(_VALUE.finditer(raw))
    if not found:
        return raw
    m = rng.choice(found)
    new = rng.choice([b"[" + m[2] + b"]", b"{x: " + m[2] + b"}", b"", b"~", b"- a", b"123", b"-1", b"ja",
                      b"NaN", b".inf", b"1e999", b"10" + b"0" * 32, b"\"\\u0661\\u0662\"", b"\xef\xbc\x91\xef\xbc\x92"])
    return raw[:m.start(2)] + new + raw[m.end(2):]


def huge_string(raw: bytes, rng: random.Random) -> bytes:
    found = list(_VALUE.finditer(raw))
    if not found:
        return raw
    m = rng.choice(found)
    return raw[:m.start(2)] + b"x" * rng.choice([10_000, 100_000]) + raw[m.end(2):]


def huge_list(raw: bytes, rng: random.Random) -> bytes:
    n = rng.choice([300, 2_000])
    return raw + b"vedlegg:\n" + b"".join(b"  - {nr: %d, tittel: x}\n" % i for i in range(n))


def deep_nesting(raw: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([30, 41, 100, 1_000])
    if rng.random() < 0.5:
        return raw + b"x: " + b"[" * depth + b"]" * depth + b"\n"
    return raw + b"x:\n" + b"".join(b"  " * i + b"- \n" if i % 2 else b"  " * i + b"k:\n" for i in range(depth))


def odd_encoding(raw: bytes, rng: random.Random) -> bytes:
    text = raw.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-16-be", "latin-1", "cp1252", "utf-8-sig", "utf-32"])
    return text.encode(encoding, "replace")


def control_escape(raw: bytes, rng: random.Random) -> bytes:
    found = list(_VALUE.finditer(raw))
    if not found:
        return raw
    m = rng.choice(found)
    escape = rng.choice([b"\\0", b"\\e[2J", b"\\ud800", b"\\x07", b"\\u202e", b"\\N", b"\\x85", b"\\u2028"])
    return raw[:m.start(2)] + b'"' + escape + b'x"' + raw[m.end(2):]


def raw_controls(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice([b"\x00", b"\x1b[31m", b"\r", b"\t", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x85"])
    return bytes(data)


MUTATIONS = [flip_bytes, delete_line, duplicate_line, shift_indent, swap_type, huge_string, huge_list,
             deep_nesting, odd_encoding, control_escape, raw_controls]


# --- invariants -------------------------------------------------------------------------------

@dataclass
class Result:
    tried: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def fail(self, mutation: str, why: str) -> None:
        self.failed[mutation] += 1
        if len(self.failures) < 20:
            self.failures.append(f"{mutation}: {why}")


def _outcome(text: str, use_c: bool):
    from kvk.diagnostics import RecordError
    from kvk.io.yaml import load_text

    try:
        source = load_text(text, "x.yaml", use_c=use_c)
    except RecordError as err:
        d = err.diagnostic
        return ("refused", d.code, d.line, d.col, d.message)
    return ("loaded", source.data)


def check_loading(raw: bytes, rel: str) -> str | None:
    """None when the invariants hold for ``raw`` loaded as ``rel``; else what broke."""
    from kvk.diagnostics import RecordError
    from kvk.io.yaml import HAVE_LIBYAML, decode
    from kvk.repository import parse_record

    try:
        text = decode(raw, rel)
    except RecordError as err:
        text = None
        diags = [err.diagnostic]
    else:
        if HAVE_LIBYAML:
            c, py = _outcome(text, True), _outcome(text, False)
            if c != py:
                return f"the parsers disagree on {rel}: libyaml {str(c)[:120]} / python {str(py)[:120]}"
        diags = []
    if text is not None:
        try:
            parse_record(raw, rel)
        except RecordError as err:
            diags = [err.diagnostic]
        except Exception as err:  # noqa: BLE001 - _Invalid carries the diagnostics; anything else is a bug
            found = getattr(err, "diagnostics", None)
            if found is None:
                return f"{type(err).__name__} while loading {rel}: {err}"[:300]
            diags = list(found)
    for d in diags:
        line = d.format()
        if "\n" in line or "\r" in line or not d.code or d.line < 1 or d.col < 1:
            return f"finding not located or not one line: {line[:200]!r}"
    return None


def check_cli(raw: bytes, root: Path, rel: str, work: Path) -> str | None:
    """``kvk check`` (and render-case --public for a case) on a repository with the mutated
    file: exit 0/1/2, no traceback, every finding one located line."""
    from typer.testing import CliRunner

    from kvk.cli import app

    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns(".git", ".venv", "tests", "docs", "kvk", ".kvk",
                                                               "benchmarks", "templates", "*.egg-info"))
    (repo / rel).write_bytes(raw)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1", "--no-cache"])
    if result.exit_code not in (0, 1, 2) or result.exception and not isinstance(result.exception, SystemExit):
        return f"kvk check exit {result.exit_code}: {result.exception!r}"[:300]
    if "Traceback" in result.output:
        return "kvk check printed a traceback"
    for line in result.stdout.splitlines():
        if line and not FINDING_LINE.match(line):
            return f"kvk check line is not a located finding: {line[:200]!r}"
    if rel.startswith("data/saker/"):
        from kvk.io.yaml import load_text  # noqa: F401 - the case's saksnr, if it still has one
        m = re.search(rb"^saksnr: *(\d{4}/\d+)", raw, re.M)
        if m:
            result = runner.invoke(app, ["render-case", m[1].decode(), "--public", "--repo", str(repo)])
            if result.exit_code not in (0, 1, 2) or "Traceback" in result.output:
                return f"render-case --public exit {result.exit_code}: {result.exception!r}"[:300]
    return None


def run(cases: int, seed: int = 12, cli_every: int = 10) -> Result:
    rng = random.Random(seed)
    files = sources()
    result = Result()
    with tempfile.TemporaryDirectory(prefix="kvk-fuzz-") as tmp:
        work = Path(tmp)
        for n in range(cases):
            root, rel, file = files[n % len(files)]
            mutation = MUTATIONS[rng.randrange(len(MUTATIONS))]
            raw = mutation(file.read_bytes(), rng)
            result.tried[mutation.__name__] += 1
            try:
                why = check_loading(raw, rel)
                if why is None and n % cli_every == 0:
                    why = check_cli(raw, root, rel, work)
            except Exception as err:  # noqa: BLE001 - the fuzzer reports, it does not stop
                why = f"{type(err).__name__}: {err}"[:300]
            if why is not None:
                result.fail(mutation.__name__, why)
    return result


def table(result: Result) -> str:
    rows = ["| mutation | tried | handled | failed |", "|---|---|---|---|"]
    for name in sorted(result.tried):
        tried, failed = result.tried[name], result.failed[name]
        rows.append(f"| {name} | {tried} | {tried - failed} | {failed} |")
    total, bad = sum(result.tried.values()), sum(result.failed.values())
    rows.append(f"| **all** | {total} | {total - bad} | {bad} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--cli-every", type=int, default=10, help="run the CLI on every Nth case")
    args = parser.parse_args(argv)
    result = run(args.cases, args.seed, args.cli_every)
    print(table(result))
    for line in result.failures:
        print("FAILED", line)
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
