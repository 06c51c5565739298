"""The typer application and helpers every command shares."""

from __future__ import annotations

import functools
import sys
from typing import Annotated, Callable, Optional

import typer

app = typer.Typer(
    name="kvk",
    help="Case papers, meeting minutes and quality indicators as plain YAML files in git.\n\n"
         "Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O problem "
         "(check-indicators adds 3: valid data, but a goal is red).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # records may be confidential: never dump locals
    # plain click help and errors: one-line usage errors, and no rich import (kvk --help answers
    # in a fraction of the time; commands still print their tables with rich)
    rich_markup_mode=None,
)

RepoOption = Annotated[
    Optional[str],
    typer.Option("--repo", help="The records repository (default: nearest folder upward with kvk.yaml; "
                                "or $KVK_REPO).", show_default=False),
]


def fail(message: str, code: int = 2) -> None:
    """Print a one-line message to standard error and exit; never a traceback."""
    print(f"kvk: {message}", file=sys.stderr)
    raise typer.Exit(code)


def handle_errors(fn: Callable) -> Callable:
    """Turn expected library errors into a message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..diagnostics import KvkError

        try:
            return fn(*args, **kwargs)
        except KvkError as err:
            fail(str(err), err.exit_code)
        except BrokenPipeError:
            # the reader went away (kvk show … | head): stop quietly, as other tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0)
        except OSError as err:
            fail(f"{err.filename or ''}: {err.strerror}".lstrip(": "), 2)

    return wrapper


def split_ref(args: list[str] | None) -> tuple[str | None, list[str]]:
    """``[REF] [PATHS]...`` as git reads it: the first argument is a revision unless a file or
    folder of that name exists (``--`` before the paths makes them paths, as in git)."""
    from pathlib import Path

    args = list(args or [])
    if args and not Path(args[0]).exists():
        return args[0], args[1:]
    return None, args


def open_repo(repo: str | None):
    from ..repository import Repository

    return Repository.open(explicit=repo)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"kvk {version('kvk')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Case papers, meeting minutes and quality indicators as plain YAML files in git.

    Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O problem.
    """
