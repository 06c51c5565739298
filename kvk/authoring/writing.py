"""Writes that never leave a half-written or lost file.

Every write goes to a temporary file in the target's own folder (so the final rename stays on
one file system) and is then moved into place in one step. A new record is linked into place,
which fails if the name was taken meanwhile, so two processes can never overwrite each other.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..diagnostics import KvkError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _show(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def _io_error(err: OSError, what: str) -> KvkError:
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return KvkError(f"cannot write {what}: permission denied; nothing was written")
    return KvkError(f"cannot write {what}: {err.strerror or err}; nothing was written")


def ensure_folder(folder: Path, root: Path | None = None) -> None:
    """Create ``folder`` and its parents, or explain why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise KvkError(f"cannot create folder {_show(folder, root)}: a file has that name") from None
    except OSError as err:
        raise _io_error(err, f"folder {_show(folder, root)}") from None


def check_writable(folder: Path, root: Path | None = None) -> None:
    """Fail early, before anything is written, when ``folder`` (or the nearest existing folder
    above it) cannot receive new files."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise KvkError(f"cannot write in {_show(probe, root)}: permission denied; nothing was written")


def write_text(path: Path, text: str, *, root: Path | None = None, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically. Without ``overwrite`` an existing file is an error
    (checked at the moment of linking, not only before)."""
    shown = _show(path, root)
    if not overwrite and path.exists():
        raise KvkError(f"{shown} already exists; not overwritten (use --force to replace it)")
    ensure_folder(path.parent, root)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise _io_error(err, shown) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path, shown)
    except OSError as err:
        raise _io_error(err, shown) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _link_new(tmp: str, path: Path, shown: str) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise KvkError(f"{shown} already exists; not overwritten (use --force to replace it)") from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # file systems without hard links (some network and FAT mounts): check, then rename
        if path.exists():
            raise KvkError(f"{shown} already exists; not overwritten (use --force to replace it)") from None
        os.replace(tmp, path)
