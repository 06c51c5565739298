"""The ``kvk`` command: a thin layer that parses arguments, calls the library and prints.

Heavy libraries (pydantic, yaml, jinja2) are imported inside the commands, so ``kvk --help``
answers at once.
"""

from __future__ import annotations

import os
import sys

from .app import app

# each module registers its commands on ``app``
from . import authoring, cache, check, completion, indicators, listing, meeting, org, publish, render, review  # noqa: E402,F401


def main() -> None:
    from ..diagnostics import KvkError

    if completion.COMPLETE_VAR in os.environ:  # the shell asks for completions (kvk completion)
        completion.enable()
    try:
        app()
    except KvkError as err:  # raised outside a command (rare: commands handle their own)
        print(f"kvk: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    finally:
        # the process is about to end: its last cycle collection would walk every object it
        # ever imported, only for them to die with it (a tenth of a second after a full check)
        import gc

        gc.freeze()
