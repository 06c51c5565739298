"""The loading API's cache, as a user meets it: a second check answers from .kvk/cache/ with the
same findings, and never with a stale one (a file changed behind the same size and time, a
model or the organisation changed, the cache damaged or written by two checks at once); and a
check of chosen files finds what a full check finds in them, with the cache cold or warm."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kvk import repository
from kvk.check import check_repository
from kvk.cli import app
from kvk.io import cache
from kvk.repository import Repository

from .check.test_bad_corpus import BASE
from .conftest import write_tree

# a case of the year before giving the same utvalgssaksnr in the same body, a second file
# claiming 2009/12 (two branches each made "the next" case), a file named for another case
# than the one it holds, and a case beside them
RIVALS = {
    "data/saker/2008/2008-0040.yaml": """
        saksnr: 2008/40
        tittel: Budsjettregulering
        saksbehandler: lise-berg
        saksgang:
          - {utvalg: formannskapet, moetedato: 2009-01-14, utvalgssaksnr: 30/09}
        """,
    "data/saker/2009/2009-0012-skjoennsmidler.yaml": """
        saksnr: 2009/12
        tittel: Skjønnsmidler, en gang til
        saksbehandler: svein-moe
        """,
    "data/saker/2009/2009-0099.yaml": """
        saksnr: 2009/13
        tittel: Feil filnavn
        saksbehandler: lise-berg
        """,
    "data/saker/2009/2009-0013.yaml": """
        saksnr: 2009/13
        tittel: Vegvedlikehold
        saksbehandler: lise-berg
        saksgang:
          - {utvalg: formannskapet, moetedato: 2009-03-04, utvalgssaksnr: 31/09}
        """,
}


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    write_tree(root, RIVALS)
    return root


def _lines(findings) -> list[str]:
    return [f.format() for f in findings]


def _check(root: Path, paths=None, *, use_cache: bool = True) -> list[str]:
    opened = Repository.open(explicit=str(root), cache=use_cache)
    found, _ = check_repository(opened, [root / p for p in paths] if paths else None, jobs=1)
    return _lines(found)


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yaml"))


class Parses:
    """Counts the files the loading API parses (the cache is what spares the others)."""

    def __init__(self, monkeypatch):
        self.paths: list[str] = []
        real = repository._parse

        def counting(raw, rel, kind, file):
            self.paths.append(rel)
            return real(raw, rel, kind, file)

        monkeypatch.setattr(repository, "_parse", counting)


def test_a_second_check_answers_from_the_cache_with_the_same_findings(repo, monkeypatch):
    first = _check(repo)
    assert any("KVK214" in line for line in first) and any("KVK203" in line for line in first)
    parses = Parses(monkeypatch)
    assert _check(repo) == first
    assert parses.paths == []
    assert _check(repo, use_cache=False) == first
    assert sorted(parses.paths) == _files(repo)


def test_a_file_changed_behind_the_same_size_and_time_is_read_again(repo, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)  # trust signatures at once: the hardest case
    case = repo / "data/saker/2009/2009-0013.yaml"
    assert _check(repo) == _check(repo, use_cache=False)
    before = case.stat()
    case.write_text(case.read_text(encoding="utf-8").replace("lise-berg", "lise-bexg"), encoding="utf-8")
    os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = case.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    found = _check(repo)
    assert "data/saker/2009/2009-0013.yaml:3:16: error KVK201 unknown person 'lise-bexg'" in " ".join(found)
    assert found == _check(repo, use_cache=False)


def test_a_related_file_changed_behind_the_same_size_and_time_is_seen(repo, monkeypatch):
    """The index of related records trusts a file's stat only while size, times and inode are
    all as they were: a rival made by an edit that kept the size and modification time is
    found."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)
    chosen = ["data/saker/2009/2009-0013.yaml"]
    assert not any("KVK214" in line for line in _check(repo, chosen))
    other = repo / "data/saker/2008/2008-0040.yaml"
    before = other.stat()
    other.write_text(other.read_text(encoding="utf-8").replace("30/09", "31/09"), encoding="utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    found = _check(repo, chosen)
    assert any("KVK214 utvalgssaksnr 31/2009 in formannskapet is also given to case 2008/40" in line
               for line in found), found


def test_a_change_to_kvk_or_its_models_makes_every_kept_result_invalid(repo, monkeypatch):
    first = _check(repo)
    parses = Parses(monkeypatch)
    monkeypatch.setattr(repository, "_CODE", [b"another kvk, or a model with a new field"])
    assert _check(repo) == first
    assert sorted(parses.paths) == _files(repo)


def test_the_code_key_follows_every_source_file(tmp_path):
    package = tmp_path / "pkg"
    write_tree(package, {"models/case.py": "class Sak: pass\n", "check/rules.py": "RULES = []\n"})
    key = repository.source_key(package)
    (package / "models/case.py").write_text("class Sak:\n    ny_felt: str = ''\n")
    assert repository.source_key(package) != key
    assert repository.source_key(tmp_path / "empty") is None


def test_a_change_to_the_organisation_is_seen_in_every_record(repo):
    assert not any("KVK201" in line for line in _check(repo))
    org = repo / "data/organisasjon.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("id: svein-moe", "id: svein-moen"), encoding="utf-8")
    found = _check(repo)
    assert any("data/saker/2009/2009-0012-skjoennsmidler.yaml:3:16: error KVK201 unknown person 'svein-moe'" in line
               for line in found), found
    assert found == _check(repo, use_cache=False)


def test_a_damaged_cache_is_ignored_and_rebuilt(repo, monkeypatch):
    first = _check(repo)
    packs = sorted((repo / ".kvk/cache").rglob("*.pack"))
    assert packs
    for i, pack in enumerate(packs):
        data = pack.read_bytes()
        pack.write_bytes(data[: len(data) // 2] if i % 2 else b"\0" * len(data))
    parses = Parses(monkeypatch)
    assert _check(repo) == first
    assert sorted(parses.paths) == _files(repo)
    parses.paths.clear()
    assert _check(repo) == first
    assert parses.paths == []


def test_checks_of_chosen_files_find_what_the_full_check_finds_there(repo):
    """Rivals in another year's folder and in the same folder, a file that does not load, and
    references: every file checked alone, with no cache, a cold one and a warm one."""
    (repo / "data/saker/2009/2009-0014.yaml").write_text("saksnr: 2009/14\ntittel: [uavsluttet\n", encoding="utf-8")
    full = _check(repo, use_cache=False)
    assert {line.split(" ")[2] for line in full} >= {"KVK001", "KVK203", "KVK204", "KVK214"}
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "data").rglob("*.yaml"))
    for mode in ("no cache", "cold", "warm", "warm, signatures trusted"):
        if mode.startswith("warm"):
            _check(repo)  # every pack filled
        if mode == "warm, signatures trusted":
            cache.RACY_SECONDS, racy = 0, cache.RACY_SECONDS
            _check(repo)  # the signatures recorded, then trusted
        for rel in files:
            if mode == "cold":
                shutil.rmtree(repo / ".kvk", ignore_errors=True)
            assert _check(repo, [rel], use_cache=mode != "no cache") == [
                line for line in full if line.startswith(rel + ":")], (mode, rel)
            assert _check(repo, [rel]) == [line for line in full if line.startswith(rel + ":")], (mode, rel)
    cache.RACY_SECONDS = racy
    assert _check(repo) == full


def test_no_cache_neither_reads_nor_writes_it(repo, runner):
    result = runner.invoke(app, ["check", "--repo", str(repo), "--no-cache"])
    assert result.exit_code == 1 and not (repo / ".kvk").exists()
    result = runner.invoke(app, ["check", "--repo", str(repo)], env={"KVK_NO_CACHE": "1"})
    assert result.exit_code == 1 and not (repo / ".kvk").exists()
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    assert (repo / ".kvk/cache").is_dir()
    info = runner.invoke(app, ["cache", "info", "--repo", str(repo)])
    assert info.exit_code == 0 and info.stdout.startswith(".kvk/cache: 5 packs,"), info.stdout
    cleared = runner.invoke(app, ["cache", "clear", "--repo", str(repo)])
    assert (cleared.exit_code, cleared.stdout) == (0, "cache cleared\n")
    assert not (repo / ".kvk/cache").exists()
    again = runner.invoke(app, ["cache", "clear", "--repo", str(repo)])
    assert again.stdout == "no cache to clear\n"


def test_a_listing_from_the_cache_shows_an_edit(repo, runner):
    args = ["list", "cases", "--aar", "2009", "--format", "json", "--repo", str(repo)]
    first = runner.invoke(app, args)
    assert "Vegvedlikehold" in first.stdout and runner.invoke(app, args).stdout == first.stdout
    case = repo / "data/saker/2009/2009-0013.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("Vegvedlikehold", "Veglys"), encoding="utf-8")
    assert "Veglys" in runner.invoke(app, args).stdout


def _whole(pack: Path) -> bool:
    """Is this a pack as written: its header's length and checksum fit its body?"""
    import hashlib

    raw = pack.read_bytes()
    magic, _, _, length, checksum = cache._HEADER.unpack_from(raw)
    body = raw[cache._HEADER.size:]
    return magic == cache.MAGIC and length == len(body) and hashlib.blake2b(body, digest_size=16).digest() == checksum


def test_two_checks_at_once_never_corrupt_the_cache(repo):
    """Two kvk processes check the same repository at the same time, again and again, with an
    edit between rounds: each gives the findings of the files as they are, and every pack left
    behind is whole."""
    env = {k: v for k, v in os.environ.items() if k != "KVK_NO_CACHE"}
    kvk = [sys.executable, "-c", "from kvk.cli import main; main()", "check", "--repo", str(repo), "--jobs", "1"]
    case = repo / "data/saker/2009/2009-0013.yaml"
    original = case.read_text(encoding="utf-8")
    for round_ in range(4):
        case.write_text(original.replace("31/09", f"{30 + round_}/09"), encoding="utf-8")
        expected = subprocess.run([*kvk, "--no-cache"], capture_output=True, text=True, env=env).stdout
        assert any(line.startswith("data/saker/2009/2009-0013.yaml") and "KVK214" in line
                   for line in expected.splitlines()) == (round_ == 0)
        both = [subprocess.Popen(kvk, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for _ in range(2)]
        assert [p.communicate()[0] for p in both] == [expected, expected], round_
        packs = list((repo / ".kvk/cache").rglob("*.pack"))
        assert packs and all(_whole(p) for p in packs)
        assert not [p for p in (repo / ".kvk/cache").rglob("*") if p.is_file() and not p.name.endswith(".pack")]
        assert subprocess.run(kvk, capture_output=True, text=True, env=env).stdout == expected


def test_follow_ups_come_from_the_meetings_as_they_are(repo, runner, monkeypatch):
    """kvk actions asks the index which meetings record a follow-up: a meeting that gains one
    (or loses one) is seen at once, even when the edit keeps its size and time."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)
    args = ["actions", "--format", "json", "--repo", str(repo), "--all"]
    meeting = repo / "data/moter/2009/2009-03-04-formannskapet.yaml"
    original = meeting.read_text(encoding="utf-8").replace(
        "    vedtak: Formannskapet slutter seg til søknaden.\n",
        "    vedtak: Formannskapet slutter seg til søknaden.\n"
        "    oppfoelging:\n      - {tiltak: Sende søknaden, ansvarlig: lise-berg, frist: 2009-03-20}\n", 1)
    assert "oppfoelging" in original
    plain = original.replace("    oppfoelging:", "    oppfoelgin_:")
    meeting.write_text(plain, encoding="utf-8")
    assert json.loads(runner.invoke(app, args).stdout)["actions"] == []
    assert json.loads(runner.invoke(app, args).stdout)["actions"] == []  # passed by, from the index
    before = meeting.stat()
    meeting.write_text(original, encoding="utf-8")
    os.utime(meeting, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert meeting.stat().st_size == before.st_size
    found = runner.invoke(app, args)
    assert found.exit_code == 0, found.output
    assert [a["tiltak"] for a in json.loads(found.stdout)["actions"]] == ["Sende søknaden"]
