"""Shell completion: ``kvk completion bash|zsh|fish`` prints the script, and the values it
offers for record ids, body ids and person ids.

The scripts are typer's (click's protocol): the shell runs ``kvk`` again with ``_KVK_COMPLETE``
set, and kvk answers with the candidates instead of running a command (``main`` in
``kvk/cli/__init__.py`` turns that on only when the variable is set, so an ordinary run pays
nothing for it). Case and meeting ids are read off the file names, without opening a file; body
and person ids need the organisation, which is read through the loading API. A completion never
fails: where there is no repository, or it does not load, it offers nothing.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .app import app, handle_errors

#: the variable the scripts set; click derives it from the program's name
COMPLETE_VAR = "_KVK_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def enable() -> None:
    """Let typer answer a completion request (only called when :data:`COMPLETE_VAR` is set)."""
    from typer.completion import completion_init

    completion_init()


def script(shell: str) -> str:
    from typer.completion import get_completion_script

    return get_completion_script(prog_name="kvk", complete_var=COMPLETE_VAR, shell=shell) + "\n"


@app.command()
@handle_errors
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Save it where the shell looks for completions, or load it from the shell's start-up file
    (docs/cli.md). It completes commands, options and their choices, and case numbers, meeting
    ids, body ids and person ids from the repository you stand in (or --repo).

    Example:

        kvk completion bash > ~/.local/share/bash-completion/completions/kvk

        echo 'eval "$(kvk completion zsh)"' >> ~/.zshrc   # after compinit

        kvk completion fish > ~/.config/fish/completions/kvk.fish
    """
    sys.stdout.write(script(shell.value))


def candidates(kind: str, incomplete: str, repo: str | None = None) -> list[str]:
    """The ids of ``kind`` (case, meeting, body, person) that start with ``incomplete``."""
    try:
        from .. import layout
        from ..repository import find_root

        root = find_root(explicit=repo)
        if kind == "meeting":
            found = [layout.id_of(rel) for rel in layout.meeting_files(root)]
        elif kind == "case":
            found = [f"{year}/{n}" for year in layout.case_years(root)
                     for n in sorted(layout.case_sequence_numbers(root, year))]
        else:
            from ..repository import Broken, Repository, Scope

            directory = Repository.open(explicit=str(root)).load(
                Scope.organisation(), on_broken=Broken.SKIP, jobs=1).directory
            found = list(directory.bodies if kind == "body" else directory.people)
    except Exception:  # noqa: BLE001 - a completion offers nothing rather than a traceback at the prompt
        return []
    return sorted(i for i in found if i and i.startswith(incomplete))
