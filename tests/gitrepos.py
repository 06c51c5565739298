"""Real git repositories in temporary folders, for the review commands' tests."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from .conftest import write_tree

IDENTITY = {
    "GIT_AUTHOR_NAME": "Kari Nordmann", "GIT_AUTHOR_EMAIL": "kari@example.no",
    "GIT_COMMITTER_NAME": "Kari Nordmann", "GIT_COMMITTER_EMAIL": "kari@example.no",
}


@pytest.fixture
def git_env(monkeypatch, tmp_path_factory):
    """A fixed identity and no user or system configuration, so tests behave the same on every
    machine (and never touch the developer's settings)."""
    home = tmp_path_factory.mktemp("home")
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    (home / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n")
    monkeypatch.delenv("KVK_REPO", raising=False)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env=os.environ).stdout


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ORGANISATION = """
personer:
  - {id: ola, navn: Ola Nordmann}
  - {id: kari, navn: Kari Nordmann}
  - {id: per, navn: Per Hansen}
utvalg:
  - id: formannskapet
    navn: Formannskapet
    type: formannskap
  - id: kommunestyret
    navn: Kommunestyret
    type: kommunestyre
"""


def case(seq: int, moetedato: str = "12.11.2009", extra: str = "") -> str:
    return textwrap.dedent(f"""\
        saksnr: 2009/{seq}
        tittel: Sak nummer {seq}
        saksbehandler: ola
        saksgang:
          - utvalg: formannskapet
            moetedato: {moetedato}
        """) + textwrap.dedent(extra)


MEETING = """
utvalg: formannskapet
moetedato: 2009-11-12
dokumenttype: moeteprotokoll
deltakere:
  - {person: ola, oppmoete: moett}
  - {person: kari, oppmoete: moett}
saker:
  - nr: "1"
    tittel: Sak nummer 17
    sak: 2009/17
  - nr: "2"
    tittel: Sak nummer 18
    sak: 2009/18
    vedtak: Saken utsettes.
"""

APPROVAL = """protokollstatus:
  status: godkjent
  dato: 2009-11-26
  godkjent_av: Formannskapet 2009-11-26
"""


@pytest.fixture
def records(tmp_path, git_env, monkeypatch) -> Path:
    """A records repository in git, and the current folder: two cases on one meeting's agenda
    and a third case, committed on main, with a branch 'edit' checked out."""
    root = tmp_path / "repo"
    write_tree(root, {
        "kvk.yaml": "organisasjon: Testkommune\n",
        "data/organisasjon.yaml": ORGANISATION,
        "data/saker/2009/2009-0017.yaml": case(17),
        "data/saker/2009/2009-0018.yaml": case(18),
        "data/saker/2009/2009-0030.yaml": case(30, "2009-12-03"),
        "data/moter/2009/2009-11-12-formannskapet.yaml": MEETING,
    })
    git(root, "init", "-q")
    commit_all(root, "Formannskapet 12.11.2009")
    git(root, "switch", "-q", "-c", "edit")
    monkeypatch.chdir(root)
    return root
