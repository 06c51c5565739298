"""The pre-commit hooks, run by the real pre-commit tool in a temporary git repository.

pre-commit installs the hooks the way a user's machine would: it clones the product from a git
repository (here a temporary commit of this checkout) and pip-installs it into its own
environment. That needs the package index pip is configured with; when it cannot be reached the
test is skipped, with pre-commit's message as the reason.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..gitrepos import ORGANISATION, case, commit_all, git, git_env  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pre_commit"]


@pytest.fixture
def product(tmp_path) -> tuple[Path, str]:
    """This checkout, as it is on disk, committed into a git repository pre-commit can clone."""
    dest = tmp_path / "kvk-product"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, files):
        if rel.endswith(".whl") or not (ROOT / rel).is_file():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    git(dest, "init", "-q")
    return dest, commit_all(dest, "kvk under test")


def commit(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "commit", "-m", "records"], cwd=repo, capture_output=True, text=True)


def test_hooks_block_a_broken_record_and_pass_a_fixed_one(tmp_path, git_env, product, monkeypatch):
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    source, sha = product
    repo = tmp_path / "records"
    repo.mkdir()
    (repo / "kvk.yaml").write_text("organisasjon: Testkommune\n")
    (repo / "data/saker/2009").mkdir(parents=True)
    (repo / "data/organisasjon.yaml").write_text(ORGANISATION.lstrip())
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {sha}\n    hooks:\n"
        "      - id: kvk-check\n")
    git(repo, "init", "-q")
    commit_all(repo, "empty records repository")
    install = subprocess.run([*pre_commit(), "install", "--install-hooks"], cwd=repo,
                             capture_output=True, text=True)
    if install.returncode != 0:
        pytest.skip("pre-commit could not build the hook environment: "
                    + (install.stdout + install.stderr).strip().splitlines()[-1])

    (repo / "data/saker/2009/2009-0017.yaml").write_text(case(17, "").replace("saksbehandler: ola", "saksbehandler: olaf"))
    git(repo, "add", "-A")
    blocked = commit(repo)
    assert blocked.returncode != 0
    out = blocked.stdout + blocked.stderr
    assert "kvk check" in out and "Failed" in out
    assert out.count("data/saker/2009/2009-0017.yaml:3:16: error KVK201 unknown person 'olaf'") == 1, out

    (repo / "data/saker/2009/2009-0017.yaml").write_text(case(17, ""))
    git(repo, "add", "-A")
    passed = commit(repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert (passed.stdout + passed.stderr).count("Passed") == 1
    assert git(repo, "log", "--format=%s", "-1").strip() == "records"

    # a record a meeting lists is deleted: the hook sees the meeting that still lists it
    (repo / "data/moter/2009").mkdir(parents=True)
    (repo / "data/moter/2009/2009-11-12-formannskapet.yaml").write_text(
        "utvalg: formannskapet\nmoetedato: 2009-11-12\ndokumenttype: innkalling\n"
        "saker:\n  - {nr: '1', tittel: Sak, sak: 2009/17}\n")
    git(repo, "add", "-A")
    assert commit(repo).returncode == 0
    git(repo, "rm", "-q", "data/saker/2009/2009-0017.yaml")
    (repo / "data/saker/2009").mkdir(parents=True, exist_ok=True)  # git rm took the emptied folders
    (repo / "data/saker/2009/2009-0018.yaml").write_text(case(18, ""))  # so the hooks run at all
    git(repo, "add", "-A")
    blocked = commit(repo)
    assert blocked.returncode != 0
    out = blocked.stdout + blocked.stderr
    assert out.count("error KVK205 agenda item refers to case 2009/17, which does not exist") == 1, out
    status = {line.split(".")[0]: line.rstrip().rsplit(".", 1)[-1] for line in out.splitlines()
              if line.startswith("kvk check")}
    assert status == {"kvk check": "Failed"}
