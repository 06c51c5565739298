"""Which files a check reads: links out of the repository are never followed, and a repository
reached through a linked folder is still the same repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kvk.cli import app

from .check.test_bad_corpus import BASE

SECRET = "saksnr: 2010/1\ntittel: Hemmelig\nsaksbehandler: utenfor-repoet\n"


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2010-0001.yaml").write_text(SECRET, encoding="utf-8")
    return tmp_path / "repo"


def test_a_linked_folder_inside_the_repository_is_not_checked_twice(repo, runner):
    (repo / "data/saker/2009-kopi").symlink_to("2009")
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1"])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr.startswith("4 files checked")


def test_a_file_under_a_linked_folder_outside_is_never_read(repo, runner, monkeypatch):
    (repo / "data/saker/2010").symlink_to("../../../outside")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1", "data/saker/2010"])
    assert "utenfor-repoet" not in result.stdout
    assert "KVK007" in result.stdout


def test_a_linked_folder_outside_is_reported(repo, runner):
    (repo / "data/saker/2010").symlink_to("../../../outside")
    result = runner.invoke(app, ["check", "--repo", str(repo), "--jobs", "1"])
    assert "utenfor-repoet" not in result.stdout
    assert result.stdout.startswith("data/saker/2010:1:1: error KVK007")


def test_a_path_through_a_linked_parent_is_inside(repo, runner, tmp_path):
    case = repo / "data/saker/2009/2009-0012.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("saksbehandler: lise-berg", "saksbehandler: lise-bergh"),
                    encoding="utf-8")
    (tmp_path / "lenke").symlink_to(repo)
    result = runner.invoke(app, ["check", "--repo", str(tmp_path / "lenke"), "--jobs", "1",
                                 str(tmp_path / "lenke" / "data" / "saker")])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("data/saker/2009/2009-0012.yaml:3:16: error KVK201 unknown person 'lise-bergh'")
    assert result.stderr.startswith("1 file checked")


def test_a_path_outside_the_repository_is_a_usage_error(repo, runner, tmp_path):
    result = runner.invoke(app, ["check", "--repo", str(repo), str(tmp_path / "outside")])
    assert result.exit_code == 2
    assert "is outside the repository" in result.stderr and "utenfor-repoet" not in result.output


def test_a_missing_path_is_a_usage_error(repo, runner):
    result = runner.invoke(app, ["check", "--repo", str(repo), str(repo / "data/saker/1999")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("data/saker/1999: no such file or folder")


# --- the loading API: scopes and what a broken file does -----------------------------------------

from kvk.diagnostics import BrokenRecords  # noqa: E402
from kvk.io import pool  # noqa: E402
from kvk.repository import Broken, Repository, Scope  # noqa: E402

BROKEN_CASE = "saksnr: 2009/13\ntittel: [unclosed\n"


@pytest.fixture
def opened(repo) -> Repository:
    (repo / "data/saker/2008").mkdir()
    (repo / "data/saker/2008/2008-0001.yaml").write_text(
        "saksnr: 2008/1\ntittel: Gammel\nsaksbehandler: lise-berg\n", encoding="utf-8")
    return Repository.open(explicit=str(repo))


def _paths(loaded):
    return sorted(r.path for r in loaded.records)


def test_scopes_read_only_what_they_name(opened):
    everything = opened.load(jobs=1)
    assert everything.paths == sorted(everything.paths) or everything.files == len(everything.paths)
    assert "data/saker/2008/2008-0001.yaml" in everything.paths
    year = opened.load(Scope.kinds("sak", years=[2008]), jobs=1)
    assert year.paths == ["data/saker/2008/2008-0001.yaml"]
    # the organisation is always read, whatever the scope, but is in scope only when named
    assert "data/organisasjon.yaml" in _paths(year) and "data/organisasjon.yaml" not in year.paths
    files = opened.load(Scope.files(["data/saker/2009/2009-0012.yaml", "data/saker/2009/nope.yaml"]), jobs=1)
    assert files.paths == ["data/saker/2009/2009-0012.yaml"]
    meetings = opened.load(Scope.kinds("moete").containing("formannskapet"), jobs=1)
    assert meetings.paths == ["data/moter/2009/2009-03-04-formannskapet.yaml"]
    assert opened.load(Scope.kinds("moete").containing("kommunestyret"), jobs=1).paths == []


def test_a_broken_file_is_reported_skipped_or_fatal_as_the_policy_says(opened):
    (opened.root / "data/saker/2009/2009-0013.yaml").write_text(BROKEN_CASE, encoding="utf-8")
    reported = opened.load(on_broken=Broken.REPORT, jobs=1)
    assert [d.code for d in reported.diagnostics] == ["KVK001"]
    assert "data/saker/2009/2009-0013.yaml" not in _paths(reported)
    skipped = opened.load(on_broken=Broken.SKIP, jobs=1)
    assert skipped.broken() == ["data/saker/2009/2009-0013.yaml"]
    with pytest.raises(BrokenRecords) as err:
        opened.load(on_broken=Broken.FAIL, jobs=1)
    assert err.value.diagnostics[0].code == "KVK001"
    assert str(err.value).startswith("data/saker/2009/2009-0013.yaml:3:1: error KVK001")
    # a broken file outside the scope does not stop a command that does not need it
    assert opened.load(Scope.kinds("sak", years=[2008]), on_broken=Broken.FAIL, jobs=1).files == 1


def test_a_broken_organisation_stops_a_command_that_needs_names(opened):
    (opened.root / "data/organisasjon.yaml").write_text("personer: [\n", encoding="utf-8")
    with pytest.raises(BrokenRecords):
        opened.load(Scope.kinds("sak", years=[2008]), on_broken=Broken.FAIL, jobs=1)
    out = opened.load(Scope.kinds("sak", years=[2008]), on_broken=Broken.REPORT, jobs=1)
    assert out.diagnostics == [] and [d.code for d in out.context_diagnostics] == ["KVK001"]


def first_line(record, directory):
    return (record.path, record.kind, sorted(directory.people)[:1])


def test_summaries_are_made_where_records_load_in_workers_and_here_alike(opened, monkeypatch):
    here = opened.load(jobs=1, summarise=first_line)
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    there = opened.load(jobs=2, summarise=first_line)
    assert sorted(here.summaries) == sorted(there.summaries) and len(here.summaries) == 5
    assert _paths(here) == _paths(there) == ["data/organisasjon.yaml"]  # only the organisation as models


def test_a_person_names_files_outside_the_repository(opened, tmp_path):
    from kvk.diagnostics import UsageError

    with pytest.raises(UsageError, match="outside the repository"):
        opened.load(Scope.paths([tmp_path / "outside"]))
    with pytest.raises(UsageError, match="no such file"):
        opened.load(Scope.paths([opened.root / "data/saker/1999"]))


# --- finding files by the ids they mention --------------------------------------------------------

from kvk.repository import mentioning  # noqa: E402

MENTIONS = [  # (text, mentions one of the words?)
    ("saksnr: 2009/17\n", True), ("saksnr: 2009/170\n", False), ("saksnr: 12009/17\n", False),
    ("2009/1", True), ("tekst: (se 2009/17).\n", True), ("sak 1.2009/17", True),
    ("moetedato: 30.10.2009.\n", True), ("moetedato: 30.10.20091\n", False),
    ("utvalgssaksnr: PS 45/09\n", True), ("utvalgssaksnr: PS45/09\n", True), ("utvalgssaksnr: 045/09\n", True),
    ("utvalgssaksnr: 145/09\n", False), ("utvalgssaksnr: 45/090\n", False),
    ("indikator: ind-1\n", True), ("indikator: ind-10\n", False), ("indikator: ind-1-x\n", False),
    ("  oppfoelging:\n", True), ("  oppfoelgingx:\n", False), ("ingenting her\n", False),
]


@pytest.mark.parametrize("text,expected", MENTIONS)
def test_files_are_found_by_the_ids_they_mention(text, expected):
    """Whole ids (a saksnr, a date, an indicator id, a word), and numbers no other digit touches
    (an utvalgssaksnr, however written); false finds only cost a parse, a miss would lose a
    finding."""
    search = mentioning(["2009/1", "2009/17", "30.10.2009", "ind-1", "oppfoelging"], ["45/09", "045/09"])
    assert bool(search.search(text.encode())) is expected


def test_a_search_for_thousands_of_numbers_is_a_set_lookup():
    """A check of many changed files looks for every saksnr and utvalgssaksnr they hold: those
    are looked up in a set over the text's digit runs, never tried one by one in a regular
    expression (benchmarks/bench_subset.py measures what that saves)."""
    text = ("saksnr: 2008/77\nsaksgang:\n  - {utvalg: formannskapet, moetedato: 2008-11-12, utvalgssaksnr: 17/08}\n"
            "tekst: |\n" + "  Kommunen søker om midler, jf. sak 2007/12 og 13/07.\n" * 40).encode()
    many = mentioning([f"2009/{i}" for i in range(1, 4000)], [f"{i}/09" for i in range(1, 4000)])
    assert many.pattern is None and len(many.numbers) == 7998
    assert not many.search(text)
    assert many.search(text.replace(b"2007/12", b"2009/3999")) and many.search(text.replace(b"13/07", b"PS13/09"))


from hypothesis import given, settings, strategies as st  # noqa: E402


def _git_finds(tmp_path, texts: list[bytes], search) -> list[bool]:
    """Which of ``texts`` git grep finds with the search's Perl-compatible pattern (each
    text a file of its own in a fresh git repository, untracked)."""
    import subprocess

    from kvk.io.git import Git

    folder = tmp_path / "data" / "saker" / "2009"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, text in enumerate(texts):
        (folder / f"{i:04d}.yaml").write_bytes(text)
    if not (tmp_path / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    found = Git.open(tmp_path).grep_pattern(search.pcre, ["data/saker/2009/"])
    assert found is not None, "this git cannot search with a Perl-compatible pattern"
    return [f"data/saker/2009/{i:04d}.yaml" in found for i in range(len(texts))]


def test_git_grep_finds_what_the_search_finds(tmp_path):
    """The same search in git (kvk's fast path for many files) and in Python."""
    search = mentioning(["2009/1", "2009/17", "30.10.2009", "ind-1", "oppfoelging"], ["45/09", "045/09"])
    texts = [text.encode() for text, _ in MENTIONS]
    texts += ["før 2009/17 ø".encode(), "ø2009/17".encode(), "indikator: øind-1\n".encode(), b"\xff2009/17\xfe",
              b"\x00 2009/17", "æoppfoelgingø".encode(), b"2009/17\r\n", b"\n\n45/09"]
    assert _git_finds(tmp_path, texts, search) == [bool(search.search(t)) for t in texts]


_PIECES = ["2009", "17", "1", "09", "45", "045", "30", "10", "/", ".", "-", " ", "\n", "PS", "ind", "x", "ø", "_",
           "oppfoelging", "2009/17", "30.10.2009", "ind-1", "45/09"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), min_size=1, max_size=60))
def test_git_grep_and_the_search_agree_on_any_text(tmp_path_factory, texts):
    search = mentioning(["2009/1", "2009/17", "30.10.2009", "ind-1", "oppfoelging"], ["45/09", "045/09"])
    data = [t.encode() for t in texts]
    assert _git_finds(tmp_path_factory.mktemp("grep"), data, search) == [bool(search.search(t)) for t in data]


PAIRED = [("45/09", "formannskapet"), ("045/09", "formannskapet"), ("3/10", "kommunestyret")]
PAIRS = [
    ("- {utvalg: formannskapet, utvalgssaksnr: 45/09}\n", True),
    ("saksgang:\n  - utvalg: formannskapet\n    utvalgssaksnr: PS045/09\n", True),
    ("  - utvalg: kommunestyret\n    utvalgssaksnr: 45/09\n", False),  # the number, given by another body
    ("  - utvalg: formannskapet\n    utvalgssaksnr: 145/09\n", False),
    ("  - utvalg: formannskapet-2\n    utvalgssaksnr: 45/09\n", False),  # not the body's whole id
    ("  - utvalg: formannskapet\n  - utvalg: kommunestyret\n    utvalgssaksnr: 3/10\n", True),
    ("  - utvalg: formannskapet\n    moetedato: 1.2009/45/09\n", True),  # a piece of a longer run
    ("utvalg: formannskapet\n", False),
]


@pytest.mark.parametrize("text,expected", PAIRS)
def test_a_paired_number_counts_only_in_a_file_naming_its_word(text, expected):
    """An utvalgssaksnr matters to a subset check only where the body giving it is named too:
    in a large archive every body gives 45/09, and the number alone would pick most cases."""
    search = mentioning([], [], PAIRED)
    assert search.refine and bool(search.search(text.encode())) is expected


_PAIR_PIECES = _PIECES + ["formannskapet", "kommunestyret", "3/10", "utvalg: ", "-2"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PAIR_PIECES), max_size=12).map("".join), min_size=1, max_size=60))
def test_files_found_with_pairs_are_the_same_through_git(tmp_path_factory, texts):
    """git grep finds the paired numbers alone (it matches line by line), a superset of what the
    search finds; the repository then reads what git found, and ends with what Python finds."""
    search = mentioning(["2009/17", "ind-1"], ["30.10.2009"], PAIRED)
    data = [t.encode() for t in texts]
    folder = tmp_path_factory.mktemp("pairs")
    found = _git_finds(folder, data, search)
    assert all(g for g, t in zip(found, data) if search.search(t))
    (folder / "kvk.yaml").write_text("organisasjon: Testkommune\n", encoding="utf-8")
    files = [(f"data/saker/2009/{i:04d}.yaml", "sak") for i in range(len(data))]
    repo = Repository(folder, None)
    repo.GREP_FROM = 0
    assert repo._mentioning(files, search) == [f for f, t in zip(files, data) if search.search(t)]
