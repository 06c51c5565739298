"""Numbering is safe in git: two branches taking the same number merge cleanly, kvk check names
both files, and renumber-case settles it."""

import shutil

import pytest

from kvk.cli import app

from ..authoring_fixtures import case_args, git, small_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _check(runner, repo):
    result = runner.invoke(app, ["check", "--repo", str(repo)])
    return result.exit_code, result.stdout.splitlines()


def test_two_branches_same_number_then_renumber(runner, tmp_path):
    repo = small_repo(tmp_path)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")

    git(repo, "checkout", "-qb", "budsjett")
    assert runner.invoke(app, case_args(repo, tittel="Budsjett 2010")).exit_code == 0
    # this branch also sends out the notice, so the meeting refers to its case
    assert runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "budsjett")

    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "skole")
    assert runner.invoke(app, case_args(repo, tittel="Skolestruktur", moetedato="2009-12-03")).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "skole")

    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "budsjett")
    git(repo, "merge", "-q", "--no-edit", "skole")  # no conflict: the file names differ
    a = "data/saker/2009/2009-0001-budsjett-2010.yaml"
    b = "data/saker/2009/2009-0001-skolestruktur.yaml"
    assert (repo / a).exists() and (repo / b).exists()

    code, lines = _check(runner, repo)
    assert code == 1
    hint = " (hint: two records claim the same id; renumber one of them)"
    assert lines == [
        f"{a}:2:9: error KVK203 saksnr 2009/1 is also claimed by {b}:2{hint}",
        f"{b}:2:9: error KVK203 saksnr 2009/1 is also claimed by {a}:2{hint}",
    ]

    # the number alone no longer says which case is meant
    ambiguous = runner.invoke(app, ["renumber-case", "--repo", str(repo), "2009/1", "2009/2"])
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr.strip() == (f"kvk: 2009/1 is claimed by {a} and {b}; name the file to renumber, "
                                        f"e.g. kvk renumber-case {b} NEW")

    # renumbering the budsjett case follows its meeting, which the other case does not name
    moved = runner.invoke(app, ["renumber-case", "--repo", str(repo), str(repo / a), "2009/2"])
    assert moved.exit_code == 0, moved.output
    new = "data/saker/2009/2009-0002-budsjett-2010.yaml"
    assert moved.stdout.strip() == str(repo / new)
    assert "updated reference at data/moter/2009/2009-11-20-formannskapet.yaml:34" in moved.stderr
    assert _check(runner, repo) == (0, [])
    status = git(repo, "status", "--porcelain")
    assert f"R  {a} -> {new}" in status.splitlines() or f"RM {a} -> {new}" in status.splitlines()
    meeting = (repo / "data/moter/2009/2009-11-20-formannskapet.yaml").read_text(encoding="utf-8")
    assert "    sak: 2009/2\n" in meeting and "2009/1\n" not in meeting


def test_next_number_after_a_merge_skips_both(runner, tmp_path):
    repo = small_repo(tmp_path, {
        "data/saker/2009/2009-0001-a.yaml": "saksnr: 2009/1\ntittel: A\nsaksbehandler: per-berg\n",
        "data/saker/2009/2009-0001-b.yaml": "saksnr: 2009/1\ntittel: B\nsaksbehandler: per-berg\n",
    })
    result = runner.invoke(app, case_args(repo, tittel="C"))
    assert result.stdout.strip().endswith("data/saker/2009/2009-0002-c.yaml")
