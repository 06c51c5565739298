"""kvk init writes the review files of a records repository: a pre-commit configuration always,
a GitHub Actions workflow with --ci github; the hooks it writes really stop a broken record."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kvk.authoring.ci_files import github_workflow, pre_commit_config
from kvk.cli import app

from ..gitrepos import ORGANISATION, case, commit_all, git, git_env  # noqa: F401
from ..cli.test_precommit import pre_commit


def _init(runner, folder: Path, *extra: str):
    result = runner.invoke(app, ["init", str(folder), "--organisasjon", "Testkommune", "--no-input", *extra])
    assert result.exit_code == 0, result.output
    return result


def test_init_writes_the_pre_commit_config_and_no_workflow_unless_asked(runner, tmp_path, git_env):
    _init(runner, tmp_path / "a")
    assert (tmp_path / "a/.pre-commit-config.yaml").read_text(encoding="utf-8") == pre_commit_config()
    assert not (tmp_path / "a/.github").exists()


def test_init_ci_github_writes_the_workflow(runner, tmp_path, git_env):
    result = _init(runner, tmp_path / "b", "--ci", "github")
    assert (tmp_path / "b/.github/workflows/kvk.yml").read_text(encoding="utf-8") == github_workflow()
    assert f"{tmp_path / 'b'}/.github/workflows/kvk.yml" in result.stdout.splitlines()


def test_init_refuses_an_unknown_ci(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "c"), "--organisasjon", "X", "--no-input", "--ci", "gitlab"])
    assert result.exit_code == 2
    assert not (tmp_path / "c").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_hook_init_writes_blocks_a_broken_record_once_from_the_first_commit(runner, tmp_path, git_env,
                                                                                monkeypatch):
    repo = tmp_path / "records"
    _init(runner, repo)
    # the hook runs the kvk installed beside this Python, as it would on a user's machine
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "cache"))
    subprocess.run([*pre_commit(), "install"], cwd=repo, check=True, capture_output=True)

    # the very first commit of the new repository: there is no HEAD to compare with yet
    (repo / "data/organisasjon.yaml").write_text(ORGANISATION.lstrip(), encoding="utf-8")
    (repo / "data/saker/2009").mkdir(parents=True)
    (repo / "data/saker/2009/2009-0017.yaml").write_text(case(17, "").replace("ola", "olaf", 1), encoding="utf-8")
    git(repo, "add", "-A")
    blocked = subprocess.run(["git", "commit", "-m", "case"], cwd=repo, capture_output=True, text=True)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    finding = "data/saker/2009/2009-0017.yaml:3:16: error KVK201 unknown person 'olaf'"
    assert out.count(finding) == 1, out  # printed once, not once per hook
    assert "unknown revision" not in out

    (repo / "data/saker/2009/2009-0017.yaml").write_text(case(17, ""), encoding="utf-8")
    git(repo, "add", "-A")
    passed = subprocess.run(["git", "commit", "-m", "case"], cwd=repo, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert (passed.stdout + passed.stderr).count("Passed") == 1
