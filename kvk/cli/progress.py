"""A progress line on the terminal while a command reads many files.

The library reports progress through a callback, ``progress(done, total)``, and never prints;
this is the callback the CLI hands it. The line goes to standard error, only when standard error
is a terminal, and only once the work has taken :data:`DELAY` seconds (a command that answers at
once shows nothing); it is redrawn at most ten times a second and wiped when the work is done,
so what the command prints afterwards stands alone. Piped or redirected, nothing is written.

Written here rather than with rich's Progress: that one starts a refresh thread and takes over
the console while it runs; this needs one carriage return per update.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: seconds of work before the line appears (KVK_PROGRESS_DELAY overrides it, for tests and demos)
DELAY = 1.0
#: seconds between two redraws
INTERVAL = 0.1


class Progress:
    def __init__(self, what: str, stream: TextIO | None = None, delay: float | None = None):
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        if delay is None:
            delay = float(os.environ.get("KVK_PROGRESS_DELAY", DELAY))
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (self.shown and now - self.last < INTERVAL and done < total):
            return
        percent = f" ({100 * done // total} %)" if total else ""
        self.stream.write(f"\r\x1b[Kkvk: {self.what} {_count(done)}/{_count(total)}{percent}")
        self.stream.flush()
        self.shown, self.last = True, now

    def done(self) -> None:
        """Wipe the line, if one was drawn."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.done()


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")  # 20 000, as Norwegian writes it


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or fake stream
        return False
