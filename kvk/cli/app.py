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


#: exit code for a bug in kvk itself (EX_SOFTWARE in sysexits.h): never the user's mistake
EXIT_INTERNAL = 70
REPORT_BUGS = ("this is a bug in kvk, not in your records: please report it to the kvk maintainers "
               "with the command you ran and 'kvk --version' (KVK_DEBUG=1 shows the traceback)")


def handle_errors(fn: Callable) -> Callable:
    """The edge between the library and the terminal: expected errors become one line (or a
    JSON object with ``--format json``) and their exit code; anything else is a kvk bug, exit
    70, one line naming where it happened, never a traceback or local variables (records may
    be confidential, and CI logs are read by many)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..diagnostics import KvkError

        try:
            return fn(*args, **kwargs)
        except KvkError as err:
            if _wants_json(kwargs):
                import json

                json.dump(err.to_json(), sys.stdout, ensure_ascii=False, indent=2)
                sys.stdout.write("\n")
            fail(str(err), err.exit_code)
        except BrokenPipeError:
            # the reader went away (kvk show … | head): stop quietly, as other tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0)
        except OSError as err:
            fail(f"{err.filename or ''}: {err.strerror}".lstrip(": "), 2)
        except Exception as err:  # noqa: BLE001 - the one place a bug is turned into a message
            import os

            # typer's own (exit, abort, a prompt's usage error) are not bugs
            if os.environ.get("KVK_DEBUG") or type(err).__module__.startswith(("typer", "click")):
                raise
            fail(f"internal error: {type(err).__name__} at {_where(err)}; {REPORT_BUGS}", EXIT_INTERNAL)

    return wrapper


def _wants_json(kwargs: dict) -> bool:
    fmt = kwargs.get("format")
    return getattr(fmt, "value", fmt) == "json"


def _where(err: BaseException) -> str:
    """The innermost frame of kvk's own code: enough for a report, and no values."""
    import traceback

    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/kvk/" in f.filename.replace("\\", "/")]
    if not frames:
        return "(outside kvk)"
    f = frames[-1]
    module = f.filename.replace("\\", "/").rsplit("/kvk/", 1)[-1]
    return f"kvk/{module}:{f.lineno} ({f.name})"


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
        from .. import __version__

        print(f"kvk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Case papers, meeting minutes and quality indicators as plain YAML files in git.

    Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O problem.
    """
