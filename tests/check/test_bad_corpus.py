"""The corpus of broken records: each case in tests/bad/<name>/ must give exactly the findings in
its expected.txt, with both YAML parsers.

A case folder holds the files that differ from the small valid repository in tests/bad/_base/
(same relative paths), an optional ``links.txt`` (``path -> relative target`` per line; a target
under ``OUTSIDE/`` lies outside the repository and is created by the test) and ``expected.txt``:
``#`` lines say what the case is about, every other line is one exact line of ``kvk check``
output. A case whose expected.txt has no finding lines must pass with exit 0.

After a deliberate change of wording, regenerate with
``KVK_REGEN_BAD=1 .venv/bin/python -m pytest tests/check/test_bad_corpus.py`` and read the diff of
tests/bad/*/expected.txt before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from kvk.cli import app

BAD = Path(__file__).resolve().parent.parent / "bad"
BASE = BAD / "_base"
SPECIAL = {"expected.txt", "links.txt"}
#: what an outside link target holds: if kvk ever read it, the case would report KVK006, not KVK007
OUTSIDE_TEXT = "secret outside the repository\n"

CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_"))


def read_expected(case: Path) -> tuple[list[str], list[str]]:
    comments, lines = [], []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        (comments if line.startswith("#") else lines).append(line)
    return comments, [line for line in lines if line.strip()]


def build_case(name: str, tmp_path: Path) -> Path:
    """The base repository with the case's files laid over it, as a fresh tree in tmp_path."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    case = BAD / name
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if src.is_dir() or str(rel) in SPECIAL:
            continue
        dest = repo / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)  # bytes as they are: BOMs, CRLF and Latin-1 included
    links = case / "links.txt"
    if links.exists():
        for line in links.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rel, target = (part.strip() for part in line.split("->"))
            link = repo / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)  # relative, so the message naming it is the same in every run
            outside = Path(os.path.normpath(link.parent / target))
            if "OUTSIDE" in outside.parts:
                outside.parent.mkdir(parents=True, exist_ok=True)
                outside.write_text(OUTSIDE_TEXT, encoding="utf-8")
    return repo


#: Cases where the two parsers are known to disagree (none at present): (parser, case) -> why
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _params() -> list:
    return [pytest.param(name, parser, id=f"{parser}-{name}",
                         marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[parser, name])]
                         if (parser, name) in KNOWN_BUGS else [])
            for name in CASES for parser in ("c", "python")]


@pytest.fixture
def use_parser(monkeypatch):
    def use(parser: str) -> None:
        if parser == "c":
            from kvk.io.yaml import HAVE_LIBYAML

            if not HAVE_LIBYAML:
                pytest.skip("PyYAML was built without libyaml")
            monkeypatch.delenv("KVK_YAML_PARSER", raising=False)
        else:
            monkeypatch.setenv("KVK_YAML_PARSER", "python")
    return use


def manifest() -> str:
    """tests/bad/README.md: every case, what it is about, and where each finding must be."""
    out = ["# The broken-record corpus\n\n",
           "<!-- Generated from the cases' expected.txt by tests/check/test_bad_corpus.py; regenerate with\n",
           "     KVK_REGEN_BAD=1 .venv/bin/python -m pytest tests/check/test_bad_corpus.py -->\n\n",
           "Each folder holds the files that differ from `_base/`, a valid repository, and `expected.txt`,\n",
           "the exact output `kvk check` must give. Cases marked *must pass* give no finding.\n\n",
           "| Case | What | Findings (code at path:line:col) |\n|---|---|---|\n"]
    for name in CASES:
        comments, expected = read_expected(BAD / name)
        what = " ".join(c.lstrip("# ") for c in comments).replace("|", "\\|")
        found = []
        for line in expected:
            where, rest = line.split(": ", 1)
            found.append(f"{rest.split()[1]} at `{where}`")
        out.append(f"| `{name}` | {what} | {'<br>'.join(found) or '*must pass*'} |\n")
    return "".join(out)


def test_manifest_is_up_to_date():
    path = BAD / "README.md"
    if os.environ.get("KVK_REGEN_BAD"):
        path.write_text(manifest(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == manifest(), "regenerate: KVK_REGEN_BAD=1 pytest tests/check/test_bad_corpus.py"


def test_corpus_is_big_enough():
    assert len(CASES) >= 35


def test_base_repository_is_clean(runner):
    result = runner.invoke(app, ["check", "--repo", str(BASE), "--jobs", "1", "--no-cache"])
    assert (result.exit_code, result.stdout) == (0, ""), result.output


@pytest.mark.parametrize("name,parser", _params())
def test_bad_case(name, parser, tmp_path, runner, use_parser):
    use_parser(parser)
    comments, expected = read_expected(BAD / name)
    assert comments, f"{name}/expected.txt should say in a '#' line what the case is about"
    repo = build_case(name, tmp_path)
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1"])
    assert "Traceback" not in result.output
    got = result.stdout.splitlines()
    if os.environ.get("KVK_REGEN_BAD") and (parser, name) not in KNOWN_BUGS:
        text = "\n".join(comments + got) + "\n"
        (BAD / name / "expected.txt").write_text(text, encoding="utf-8")
        return
    assert got == expected
    errors = [line for line in expected if ": error KVK" in line]
    assert result.exit_code == (1 if errors else 0), result.output
    assert f"{len(errors)} error" in result.stderr


def case_files(name: str) -> list[str]:
    case = BAD / name
    files = [p.relative_to(case).as_posix() for p in sorted(case.rglob("*"))
             if p.is_file() and p.name not in SPECIAL]
    links = case / "links.txt"
    if links.exists():
        files += [line.split("->")[0].strip() for line in links.read_text(encoding="utf-8").splitlines() if line.strip()]
    return files


@pytest.mark.parametrize("name", [p.values[0] for p in _params() if p.values[1] == "python"])
def test_checking_only_the_changed_files_gives_their_findings(name, tmp_path, runner, use_parser, monkeypatch):
    """``kvk check FILES`` (what a pre-commit hook runs) must report in those files exactly what
    a full check reports there: references resolve and duplicates show."""
    use_parser("python")
    repo = build_case(name, tmp_path)
    files = case_files(name)
    _, expected = read_expected(BAD / name)
    if not files:
        pytest.skip("the case changes no file")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1", *files])
    assert result.stdout.splitlines() == [line for line in expected if line.split(":")[0] in files]


def _as_text_line(f: dict) -> str:
    where = f"{f['path']}:{f['line']}:{f['column']}" if f["line"] else f["path"]
    return f"{where}: {f['severity']} {f['code']} {f['message']}" + (f" (hint: {f['hint']})" if f["hint"] else "")


@pytest.mark.parametrize("name", CASES)
def test_json_and_github_formats_carry_the_same_findings(name, tmp_path, runner, use_parser):
    use_parser("python")
    repo = build_case(name, tmp_path)
    _, expected = read_expected(BAD / name)
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1", "--format", "json"])
    data = json.loads(result.stdout)
    assert [_as_text_line(f) for f in data["findings"]] == expected
    assert data["errors"] == sum(": error " in line for line in expected)
    github = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1", "--format", "github"])
    assert github.exit_code == result.exit_code
    lines = github.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, f in zip(lines, data["findings"]):
        level = "error" if f["severity"] == "error" else "warning"
        assert line.startswith(f"::{level} file={f['path']},line={f['line'] or 1},col={f['column'] or 1},"
                               f"title={f['code']}::{f['code']} ")


def test_worker_processes_find_the_same(tmp_path, runner):
    """Past the parallel threshold, records load in worker processes and drop their positions;
    cross-record findings must still point at the same lines."""
    from kvk.io.pool import PARALLEL_THRESHOLD

    repo = build_case("vote-while-inhabil", tmp_path)
    for n in range(1, PARALLEL_THRESHOLD + 20):
        who = "lise-berg" if n % 97 else "lise-bergh"  # a few unknown people among them
        (repo / f"data/saker/2008/2008-{n:04d}.yaml").parent.mkdir(parents=True, exist_ok=True)
        (repo / f"data/saker/2008/2008-{n:04d}.yaml").write_text(
            f"saksnr: 2008/{n}\ntittel: Sak nummer {n}\nsaksbehandler: {who}\ndato: 31.02.2008\n" if n == 300
            else f"saksnr: 2008/{n}\ntittel: Sak nummer {n}\nsaksbehandler: {who}\n", encoding="utf-8")
    one = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1"])
    two = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    lines = one.stdout.splitlines()
    assert len(lines) == 6  # 4 unknown people, the bad date, the inhabil vote
    assert lines[0].startswith("data/moter/2009/2009-03-04-formannskapet.yaml:29:22: error KVK210")
    assert lines[1].startswith("data/saker/2008/2008-0097.yaml:3:16: error KVK201 unknown person 'lise-bergh'")
    assert lines[4].startswith("data/saker/2008/2008-0300.yaml:4:7: error KVK104")


def _timeout(signum, frame):
    raise AssertionError("kvk opened the link target outside the repository")


def test_a_link_outside_is_never_read(tmp_path, runner, monkeypatch):
    """The outside target is a FIFO: reading it would block forever, so finishing proves kvk
    refused the link without opening it."""
    repo = build_case("link-outside-repository", tmp_path)
    fifo = tmp_path / "OUTSIDE" / "fifo.yaml"
    os.mkfifo(fifo)
    link = repo / "data/saker/2009/2009-0021.yaml"
    link.unlink()
    link.symlink_to("../../../../OUTSIDE/fifo.yaml")
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    try:
        result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1"])
    finally:
        signal.alarm(0)
    assert result.exit_code == 1
    assert "KVK007" in result.stdout and "2009-0021.yaml" in result.stdout


def test_bad_kvk_yaml_is_a_usage_error(tmp_path, runner):
    """kvk.yaml is the repository's configuration, not a record: a mistake in it stops every
    command with exit 2 and one message naming the line."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    (repo / "kvk.yaml").write_text("organisasjon: Havbrynet kommune\nmaalfrom: nn\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "kvk: kvk.yaml:2:1: error KVK013 unknown field 'maalfrom' (did you mean 'maalform'?)"
    ]
