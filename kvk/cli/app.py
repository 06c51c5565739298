"""The typer application and helpers every command shares."""

from __future__ import annotations

import functools
import sys
from typing import Annotated, Callable, Optional

import typer

from ..i18n import N_, _
from .translate import Group

app = typer.Typer(
    name="kvk",
    cls=Group,  # translates the --help of every command when it is shown (cli/translate.py)
    help="Case papers, meeting minutes and quality indicators as plain YAML files in git.\n\n"
         "Exit codes: 0 clean, 1 findings at error level, 2 usage or I/O problem "
         "(check-indicators adds 3: valid data, but a goal is red).",
    no_args_is_help=True,
    # typer's --install-completion edits the user's shell start-up files; 'kvk completion SHELL'
    # prints the script instead (cli/completion.py), as git, gh and kubectl do
    add_completion=False,
    pretty_exceptions_show_locals=False,  # records may be confidential: never dump locals
    # plain click help and errors: one-line usage errors, and no rich import (kvk --help answers
    # in a fraction of the time; commands still print their tables with rich)
    rich_markup_mode=None,
    # -h as well as --help (sub-commands inherit it)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete(kind: str):
    """Shell completion of a record id, body id or person id: read only when asked for."""
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from .completion import candidates

        return candidates(kind, incomplete, ctx.params.get("repo"))
    return complete


RepoOption = Annotated[
    Optional[str],
    typer.Option("--repo", metavar="PATH", help="The records repository (default: nearest folder upward "
                                                "with kvk.yaml; or $KVK_REPO).", show_default=False),
]


def body_option(help: str, *names: str):
    """An option naming a body by its id (completed from the organisation)."""
    return typer.Option(*names, metavar="BODY", help=help, show_default=False, autocompletion=_complete("body"))


def person_option(help: str, *names: str):
    """An option naming a person by their id (completed from the organisation)."""
    return typer.Option(*names, metavar="PERSON", help=help, show_default=False, autocompletion=_complete("person"))


def meeting_argument(help: str = N_("The meeting id: its date and the body's id (2009-10-30-styringsgruppa).")):
    return typer.Argument(metavar="MEETING", help=help, show_default=False, autocompletion=_complete("meeting"))


def case_argument(help: str, metavar: str = "SAKSNR"):
    return typer.Argument(metavar=metavar, help=help, show_default=False, autocompletion=_complete("case"))


NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="Write straight to standard output, "
                                             "never through a pager ($KVK_PAGER, $PAGER or less).")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", metavar="N", min=0, show_default=False,
                                                    help="Show at most N rows (0: all).")]


def progress(what: str):
    """The progress callback for the library: a line on a terminal, nothing elsewhere."""
    from .progress import Progress

    return Progress(what)


def emit(text: str, no_pager: bool = False) -> None:
    """Human output: through the pager when it is long and standard output is a terminal."""
    from .pager import page

    page(text, enabled=not no_pager)


def hide_argument_types() -> None:
    """typer 0.2x writes an argument's Python type after its name in --help (``ID <str>``,
    ``ids... <list[str]>``); kvk's arguments say what they are in their own words, so the type
    is left out, except for a closed set of choices (``KIND <cases|meetings|...>``)."""
    from typer.core import TyperArgument

    shown = getattr(TyperArgument, "display_type_rich", None)
    if shown is None or getattr(shown, "kvk", False):
        return  # an older typer shows no types, or this already ran

    def display_type_rich(self, ctx):
        descriptor = getattr(self, "type_descriptor", None)
        return shown(self, ctx) if descriptor is not None and descriptor.is_choice else None

    display_type_rich.kvk = True
    TyperArgument.display_type_rich = display_type_rich


hide_argument_types()


def fail(message: str, code: int = 2) -> None:
    """Print a one-line message to standard error and exit; never a traceback."""
    print(f"kvk: {message}", file=sys.stderr)
    raise typer.Exit(code)


#: exit code for a bug in kvk itself (EX_SOFTWARE in sysexits.h): never the user's mistake
EXIT_INTERNAL = 70
REPORT_BUGS = N_("this is a bug in kvk, not in your records: please report it to the kvk maintainers "
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
            fail(_("internal error: {error} at {where}; {report}").format(
                error=type(err).__name__, where=_where(err), report=_(REPORT_BUGS)), EXIT_INTERNAL)

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


NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Neither use nor update the cache in .kvk/cache/: read and check every file "
                       "afresh (also KVK_NO_CACHE=1).")]


def open_repo(repo: str | None, *, no_cache: bool = False):
    from ..repository import Repository

    return Repository.open(explicit=repo, cache=False if no_cache else None)


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
