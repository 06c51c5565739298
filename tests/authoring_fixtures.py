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


#: the meeting and case :func:`with_meeting` makes
MEETING_ID = "2009-11-20-formannskapet"
MEETING_FILE = f"data/moter/2009/{MEETING_ID}.yaml"
CASE_FILE = "data/saker/2009/2009-0001-budsjett-2010.yaml"


def kvk(runner, repo: Path, *args: str, code: int = 0):
    """``kvk ARGS --repo REPO`` through CliRunner, with the exit code it must give."""
    from kvk.cli import app

    result = runner.invoke(app, [*args, "--repo", str(repo)])
    assert result.exit_code == code, result.output
    return result


def with_meeting(root: Path, runner) -> Path:
    """:func:`small_repo` with the case 2009/1 on the agenda of the formannskapet's meeting of
    2009-11-20 (its innkalling)."""
    from kvk.cli import app

    small_repo(root)
    made = runner.invoke(app, case_args(root))
    assert made.exit_code == 0, made.output
    kvk(runner, root, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20")
    return root


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "init.defaultBranch=main", *args],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}
