"""Long output through a pager, the way git does it.

Only when standard output is a terminal, and only when the text is longer than the terminal is
high: piped or redirected output is written as it is. The pager is ``$KVK_PAGER``, else
``$PAGER``, else ``less``; an empty value or ``cat`` means none, and so does ``--no-pager``.
less is started with ``LESS=FRX`` unless the user set ``LESS`` (quit when the text fits on one
screen, pass colours through, leave the text on the screen afterwards), as git does. When the
pager cannot be started, the text is written directly.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys


def pager_command() -> str | None:
    """The pager to use, or None for none."""
    for name in ("KVK_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            break
    else:
        value = "less"
    value = value.strip()
    return None if value in ("", "cat") else value


def page(text: str, enabled: bool = True) -> None:
    """Write ``text`` to standard output, through the pager when that is what a person at a
    terminal wants."""
    if not (enabled and _worth_paging(text)):
        sys.stdout.write(text)
        return
    command = pager_command()
    if command is None or not _exists(command):
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit before the end (q in less): that is fine
        pass
    try:
        process.wait()
    except KeyboardInterrupt:  # ^C while paging ends the pager, not with a traceback
        process.wait()


def _worth_paging(text: str) -> bool:
    try:
        if not sys.stdout.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    return text.count("\n") >= shutil.get_terminal_size((80, 24)).lines


def _exists(command: str) -> bool:
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    return shutil.which(program) is not None
