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
    assert result.stdout.startswith("data/saker/2010: error KVK007")


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
