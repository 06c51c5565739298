"""A small records repository for authoring tests: one body with members, a few people."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import write_tree

ORGANISATION = """
# people and bodies for the tests
personer:
  - id: kari-nordmann
    navn: Kari Nordmann
    tittel: Rådmann
  - id: ola-hansen
    navn: Ola Hansen
  - id: per-berg
    navn: Per Berg
  - id: vara-vik
    navn: Vara Vik
utvalg:
  - id: formannskapet
    navn: Formannskapet
    type: formannskap
    medlemmer:
      - {person: ola-hansen, rolle: leder}
      - {person: per-berg, rolle: medlem}
      - {person: vara-vik, rolle: varamedlem}
      - {person: kari-nordmann, rolle: sekretaer}
  - id: kommunestyret
    navn: Kommunestyret
    type: kommunestyre
"""


def small_repo(root: Path, extra: dict[str, str] | None = None) -> Path:
    files = {"kvk.yaml": "organisasjon: Testkommune\nmaalform: nb\n",
             "data/organisasjon.yaml": ORGANISATION}
    files.update(extra or {})
    return write_tree(root, files)


def case_args(repo: Path, **over: str) -> list[str]:
    """new-case arguments; override with tittel=..., moetedato=..., etc."""
    values = {"tittel": "Budsjett 2010", "saksbehandler": "kari-nordmann", "utvalg": "formannskapet",
              "moetedato": "2009-11-20", "innstilling-fra": "raadmann", "dato": "2009-11-02"}
    values.update({k.replace("_", "-"): v for k, v in over.items()})
    args = ["new-case", "--repo", str(repo), "--no-input"]
    for key, value in values.items():
        args += [f"--{key}", value]
    return args


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "init.defaultBranch=main", *args],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}
