"""The repository's write lock: one writing kvk command at a time, as git's ``index.lock``.

The lock is a file created exclusively (``O_CREAT | O_EXCL``: of two processes exactly one
succeeds) in ``.kvk/``, holding who took it: process id, host, command and time. Every command
that writes records takes it before it reads what it numbers, so two ``kvk new-case`` started at
the same moment get two numbers. A second writer waits a few seconds for the lock, then stops
with a message naming the holder and how to clear a lock its holder left behind.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..diagnostics import KvkError
from ..i18n import _

#: the folder kvk keeps its own files in (the cache, the lock, an interrupted write's journal)
STATE_FOLDER = ".kvk"
LOCK_NAME = "write.lock"
#: how long a writer waits for another to finish (KVK_LOCK_WAIT seconds; 0: do not wait)
DEFAULT_WAIT = 10.0


class LockedError(KvkError):
    """Another kvk command is writing in this repository."""

    exit_code = 2


def lock_path(root: Path) -> Path:
    return Path(root) / STATE_FOLDER / LOCK_NAME


def state_folder(root: Path) -> Path:
    """``.kvk/``, made on first use. The lock and the journal live in it only while a command
    runs; an empty folder is nothing to git."""
    folder = Path(root) / STATE_FOLDER
    folder.mkdir(exist_ok=True)
    return folder


def holder(root: Path) -> dict | None:
    """Who holds the lock (pid, host, command, since), or None when nobody does."""
    try:
        raw = lock_path(root).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        found = json.loads(raw)
    except ValueError:
        return {}  # being written, or damaged: held, by someone unknown
    return found if isinstance(found, dict) else {}


def is_stale(who: dict) -> bool:
    """The holder was on this machine and its process is gone."""
    if not who or who.get("host") != socket.gethostname() or not isinstance(who.get("pid"), int):
        return False
    try:
        os.kill(who["pid"], 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def describe(root: Path, who: dict | None) -> str:
    rel = f"{STATE_FOLDER}/{LOCK_NAME}"
    if not who:
        return _("another kvk command is writing in this repository ({lock} exists); try again when it "
                 "has finished, or remove {lock} if no kvk command is running").format(lock=rel)
    text = _("another kvk command is writing in this repository: '{command}', process {pid} on {host}, "
             "since {since}").format(command=who.get("command", "?"), pid=who.get("pid", "?"),
                                     host=who.get("host", "?"), since=who.get("since", "?"))
    if is_stale(who):
        return text + _("; that process is no longer running, so the lock was left behind: run 'kvk recover' "
                        "(or remove {lock}), then try again").format(lock=rel)
    return text + _("; try again when it has finished (if it is not running, remove {lock})").format(lock=rel)


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get("KVK_LOCK_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def _command() -> str:
    return " ".join(["kvk", *sys.argv[1:]])[:200]


def acquire(root: Path, command: str | None = None, *, wait: float | None = None) -> Path:
    """Take the lock or raise :class:`LockedError`; returns the lock file to release."""
    path = lock_path(root)
    state_folder(root)
    wait = _wait() if wait is None else wait
    deadline = time.monotonic() + wait
    record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "command": command or _command(),
                         "since": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    delay = 0.01
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise LockedError(describe(root, holder(root))) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
            continue
        except OSError as err:
            if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise LockedError(_("cannot take the write lock {lock}: {reason}; nothing was written").format(
                    lock=f"{STATE_FOLDER}/{LOCK_NAME}", reason=err.strerror)) from None
            raise
        try:
            os.write(fd, record.encode("utf-8"))
        except OSError as err:  # a full disk: the lock is not left behind, empty
            os.close(fd)
            release(path)
            raise LockedError(_("cannot take the write lock {lock}: {reason}; nothing was written").format(
                lock=f"{STATE_FOLDER}/{LOCK_NAME}", reason=err.strerror)) from None
        os.close(fd)
        return path


def release(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


@contextmanager
def write_lock(root: Path, command: str | None = None) -> Iterator[None]:
    """Hold the repository's write lock for the block."""
    path = acquire(root, command)
    try:
        yield
    finally:
        release(path)


def clear_stale(root: Path) -> bool:
    """Remove a lock whose holder is gone (``kvk recover``); True when one was removed."""
    who = holder(root)
    if who is not None and is_stale(who):
        release(lock_path(root))
        return True
    return False
