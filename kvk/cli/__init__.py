"""The ``kvk`` command: a thin layer that parses arguments, calls the library and prints.

Heavy libraries (pydantic, yaml, jinja2) are imported inside the commands, so ``kvk --help``
answers at once.
"""

from __future__ import annotations

import os
import sys

from ..io.pool import fewer_collections

# typer and the commands make some hundred thousand objects that live as long as the process,
# and no garbage: the cycle collector walking them again and again is a tenth of start-up
with fewer_collections():
    from .app import app

    # each module registers its commands on ``app``
    from . import authoring, cache, check, completion, indicators, listing, meeting, org, publish, render, review  # noqa: E402,F401


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:  # the one answer that needs no application at all
        from .. import __version__

        print(f"kvk {__version__}")
        return
    _no_plugin_search()
    from ..diagnostics import KvkError

    completing = completion.COMPLETE_VAR in os.environ
    if completing:  # the shell asks for completions (kvk completion): of anything, so all of it
        completion.enable()
    try:
        with fewer_collections():  # the same for the models, schemas and templates a command builds
            (_lean(args) or (None if completing else _outline(args)) or app)()
    except KvkError as err:  # raised outside a command (rare: commands handle their own)
        print(f"kvk: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    finally:
        # the process is about to end: its last cycle collection would walk every object it
        # ever imported, only for them to die with it (a tenth of a second after a full check)
        import gc

        gc.freeze()


def _no_plugin_search() -> None:
    """pydantic looks for its plugins (entry points of the ``pydantic`` group) when it builds its
    first validator: it imports importlib.metadata and reads the metadata of every installed
    distribution, a tenth of a single render. kvk uses none, so the kvk process (not a program
    that imports kvk as a library) tells pydantic it has none, the way PYDANTIC_DISABLE_PLUGINS
    does but without the search; with PYDANTIC_DISABLE_PLUGINS set, pydantic decides."""
    name = "pydantic.plugin._loader"
    if name in sys.modules or "PYDANTIC_DISABLE_PLUGINS" in os.environ:
        return
    import types

    none = types.ModuleType(name, "kvk's process: no pydantic plugins, found without a search")
    none.get_plugins = lambda: ()
    sys.modules[name] = none


def _lean(args: list[str]):
    """The application with only the command the arguments name (``kvk render-minutes …``), so
    that typer reads the signature of one command instead of all sixty (a tenth of a single
    render's start-up); None when they name none (``kvk --help``, a typo: the whole
    application answers, with its list of commands and its suggestions)."""
    import copy

    from typer.main import get_command_name
    from typer.models import DefaultPlaceholder

    name = args[0] if args else ""
    if name.startswith("-"):
        return None

    def named(info) -> str | None:
        given = info.name
        if isinstance(given, DefaultPlaceholder):
            given = given.value
        if given is None and getattr(info, "callback", None) is not None:
            given = get_command_name(info.callback.__name__)
        return given

    commands = [c for c in app.registered_commands if named(c) == name]
    groups = [g for g in app.registered_groups if named(g) == name]
    if len(commands) + len(groups) != 1:
        return None
    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, groups
    return lean


def _outline(args: list[str]):
    """For ``kvk``, ``kvk --help`` and ``kvk -h`` alone: the application with every command
    in place (name, help, panel) but without its parameters, which that page does not show;
    typer reading sixty signatures is half of what it costs. None for anything else."""
    import copy
    import inspect

    if args not in ([], ["--help"], ["-h"]):
        return None

    def bare(info):
        callback = getattr(info, "callback", None)
        if not inspect.isfunction(callback):  # none, or typer's placeholder for none
            return info

        def stub() -> None:  # the list of commands shows its help, never runs it
            raise AssertionError("an outline's command ran")

        stub.__name__, stub.__doc__ = callback.__name__, callback.__doc__
        out = copy.copy(info)
        out.callback = stub
        return out

    def outlined(typer_app, top: bool):
        out = copy.copy(typer_app)
        out.registered_commands = [bare(c) for c in typer_app.registered_commands]
        out.registered_groups = []
        for group in typer_app.registered_groups:
            group = copy.copy(bare(group))  # never the application's own
            if group.typer_instance is not None:
                group.typer_instance = outlined(group.typer_instance, False)
            out.registered_groups.append(group)
        if not top:  # the application's own options (--version) are on the page
            out.registered_callback = bare(typer_app.registered_callback) if typer_app.registered_callback else None
        return out

    return outlined(app, True)
