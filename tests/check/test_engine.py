"""The same findings whichever way kvk check runs: one process or several, whole repository or
selected files."""

import pytest

from kvk.check import check_repository
from kvk.io import pool
from kvk.repository import Repository


@pytest.fixture
def broken_repo(seed_repo):
    meeting = seed_repo / "data/moter/2009/2009-10-30-styringsgruppa.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("moette_for: ola-stene", "moette_for: trude-h-nost")
    text = text.replace("{person: geir-sandholm,", "{person: geir-sandhol,")
    meeting.write_text(text, encoding="utf-8")
    case = seed_repo / "data/saker/2008/2008-1001.yaml"
    (seed_repo / "data/saker/2008/2008-1002.yaml").write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    return seed_repo


def _lines(findings):
    return [f.format() for f in findings]


def test_workers_find_what_one_process_finds(broken_repo, monkeypatch):
    repo = Repository.open(explicit=str(broken_repo))
    serial, files = check_repository(repo, jobs=1)
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    parallel, files2 = check_repository(repo, jobs=2)
    assert _lines(serial) == _lines(parallel) and files == files2 == 6
    assert [f.code for f in serial] == ["KVK207", "KVK201", "KVK203", "KVK203", "KVK204"]


def test_selected_files_get_the_findings_they_would_get_in_a_full_check(broken_repo):
    repo = Repository.open(explicit=str(broken_repo))
    full, _ = check_repository(repo, jobs=1)
    meeting = "data/moter/2009/2009-10-30-styringsgruppa.yaml"
    subset, files = check_repository(repo, [broken_repo / meeting], jobs=1)
    assert files == 1
    assert _lines(subset) == [line for line in _lines(full) if line.startswith(meeting)]


def test_positions_of_cross_record_findings_are_exact(broken_repo):
    repo = Repository.open(explicit=str(broken_repo))
    found, _ = check_repository(repo, jobs=1)
    dup = [f for f in found if f.code == "KVK203"]
    assert [(f.path, f.line, f.col) for f in dup] == [
        ("data/saker/2008/2008-1001.yaml", 5, 9), ("data/saker/2008/2008-1002.yaml", 5, 9)]
    assert "is also claimed by data/saker/2008/2008-1002.yaml:5" in dup[0].message
