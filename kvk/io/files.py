"""Files in and out: the one way kvk writes a file, and the one way it reads a record's bytes.

Writes never leave a half-written or lost file. Every write goes to a temporary file in the
target's own folder (so the final rename stays on one file system) and is then moved into place
in one step. A new file is linked into place, which fails if the name was taken meanwhile, so
two processes can never overwrite each other. A new file gets the mode the umask gives, as any
program's would; a file that is replaced keeps its mode.

Reads of records refuse a link that leads out of the repository *before* reading it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .. import i18n
from ..diagnostics import Diagnostic, RecordError, WriteError
from ..layout import outside_message


# --- writing ---------------------------------------------------------------------------------

def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def shown(path: Path, root: Path | None) -> str:
    """A path as messages show it: relative to the repository root when it is inside."""
    if root is not None:
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def io_error(err: OSError, what: str) -> WriteError:
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(i18n._("cannot write {what}: permission denied; nothing was written").format(what=what))
    return WriteError(i18n._("cannot write {what}: {why}; nothing was written").format(what=what,
                                                                                        why=err.strerror or err))


def _exists(path: Path, shown_as: str) -> WriteError:
    return WriteError(i18n._("{path} already exists; not overwritten (use --force to replace it)").format(
        path=shown_as))


def ensure_folder(folder: Path, root: Path | None = None) -> None:
    """Create ``folder`` and its parents, or explain why not."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(i18n._("cannot create folder {folder}: a file has that name").format(
            folder=shown(folder, root))) from None
    except OSError as err:
        raise io_error(err, i18n._("folder {folder}").format(folder=shown(folder, root))) from None


def check_writable(folder: Path, root: Path | None = None) -> None:
    """Fail early, before anything is written, when ``folder`` (or the nearest existing folder
    above it) cannot receive new files."""
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise WriteError(i18n._("cannot write in {folder}: permission denied; nothing was written").format(
            folder=shown(probe, root)))


def write_bytes(path: Path, data: bytes, *, root: Path | None = None, overwrite: bool = False,
                make_folder: bool = True, moved_from: Path | None = None, sync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically. Without ``overwrite`` an existing file is an error
    (checked at the moment of linking, not only before). ``moved_from``: the file this one
    replaces under a new name, whose mode it keeps. ``sync=False`` skips flushing the data to
    the disk before the rename: readers still see the old file or the new one whole, but after
    a crash of the machine the file may be empty (for the cache, which checks what it reads)."""
    path = Path(path)
    shown_as = shown(path, root)
    if not overwrite and os.path.lexists(path):
        raise _exists(path, shown_as)
    if make_folder:
        ensure_folder(path.parent, root)
    elif not path.parent.is_dir():
        raise WriteError(i18n._("cannot write {path}: the folder {folder} does not exist").format(
            path=shown_as, folder=shown(path.parent, root)))
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise io_error(err, shown_as) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        try:
            # a file that is replaced keeps its mode (or the one it is moved from)
            mode = Path(moved_from or path).stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~current_umask()  # mkstemp makes 0600; a new file is an ordinary file
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path, shown_as)
    except OSError as err:
        raise io_error(err, shown_as) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_output(path: Path, data: bytes) -> None:
    """``-o FILE``: a new file, or a regular file replaced keeping its mode. Anything else is
    refused before anything is written: renaming over a device (``/dev/full``), a FIFO, a
    symlink or a file with other hard links would replace the thing itself, not write to it."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise io_error(err, str(path)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise WriteError(i18n._("{path} is a symbolic link; not replaced (give the file it points to, or a "
                                    "new name)").format(path=path))
        if not stat.S_ISREG(st.st_mode):
            raise WriteError(i18n._("{path} is {kind}, not a regular file; -o writes only to a new file or replaces "
                                    "a regular one").format(path=path, kind=i18n._(_kind_of(st.st_mode))))
        if st.st_nlink > 1:
            raise WriteError(i18n.ngettext(
                "{path} has {count} other hard link; not replaced (the other name would keep the old content): "
                "remove it first or give a new name",
                "{path} has {count} other hard links; not replaced (the other names would keep the old content): "
                "remove it first or give a new name", st.st_nlink - 1).format(path=path, count=st.st_nlink - 1))
    write_bytes(path, data, overwrite=st is not None, make_folder=False)


def write_text(path: Path, text: str, *, root: Path | None = None, overwrite: bool = False,
               make_folder: bool = True, moved_from: Path | None = None) -> None:
    """:func:`write_bytes` for text: UTF-8, line ends as given."""
    write_bytes(path, text.encode("utf-8"), root=root, overwrite=overwrite, make_folder=make_folder,
                moved_from=moved_from)


def _link_new(tmp: str, path: Path, shown_as: str) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(path, shown_as) from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # file systems without hard links (some network and FAT mounts): check, then rename
        if os.path.lexists(path):
            raise _exists(path, shown_as) from None
        os.replace(tmp, path)


# --- reading records -------------------------------------------------------------------------

#: open without following a link in the last step; where the system has no such flag, every
#: file is first asked whether it is a link
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_IS_LINK = (errno.ELOOP, errno.EMLINK)  # Linux and macOS say ELOOP, FreeBSD EMLINK
#: non-blocking, so a FIFO or a device named like a record is opened without waiting for a
#: writer, and then refused by its type (a regular file reads the same either way)
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _refused(code: str, display: str, message: str) -> RecordError:
    return RecordError(Diagnostic.make(code, display, 0, 0, message))


def read_record_bytes(file: str | Path, display: str, root: str | Path | None = None) -> bytes:
    """Read a record file, refusing a link that leads out of the repository *before* reading.
    (Folders are walked without following links, so only the file itself can be one.)"""
    return read_record(file, display, root)[0]


def read_record(file: str | Path, display: str, root: str | Path | None = None) -> tuple[bytes, os.stat_result]:
    """:func:`read_record_bytes`, and the file's stat as it was *before* it was read (so a
    change during the read shows in the next stat, never hidden behind this one)."""
    if root is not None and _NOFOLLOW:
        # the ordinary file is opened in one step; only a link (ELOOP) takes the careful way
        try:
            fd = os.open(file, _READ_FLAGS | _NOFOLLOW)
        except OSError as err:
            if err.errno not in _IS_LINK:
                raise _refused("KVK010", display, _cannot_read(display, err)) from None
        else:
            return _read_all(fd, display)
    if root is not None and os.path.islink(file):
        target = os.path.realpath(file)
        if not Path(target).is_relative_to(os.path.realpath(root)):
            raise _refused("KVK007", display, outside_message(display, os.readlink(file)))
    try:
        fd = os.open(file, _READ_FLAGS)
    except OSError as err:
        raise _refused("KVK010", display, _cannot_read(display, err)) from None
    return _read_all(fd, display)


def _kind_of(mode: int) -> str:
    """What a file that is no regular file is (English, marked: translated where it is read)."""
    if stat.S_ISDIR(mode):
        return i18n.N_("a folder")
    if stat.S_ISFIFO(mode):
        return i18n.N_("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return i18n.N_("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return i18n.N_("a device")
    return i18n.N_("not a regular file")


def _cannot_read(display: str, err: OSError) -> str:
    # the reason is the system's own words (strerror), in the system's language
    return i18n._("cannot read '{path}': {reason}").format(path=display, reason=err.strerror)



def _read_all(fd: int, display: str) -> tuple[bytes, os.stat_result]:
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            # asked before reading: a FIFO would block, a device never end
            raise _refused("KVK010", display, i18n._("cannot read '{path}': it is {what}, not a regular file").format(
                path=display, what=i18n._(_kind_of(st.st_mode))))
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks), st
    except OSError as err:  # e.g. a folder named like a record file
        raise _refused("KVK010", display, _cannot_read(display, err)) from None
    finally:
        os.close(fd)


def _keep_catalogue(path: Path, data: bytes) -> None:
    """How kvk.i18n keeps a compiled catalogue in the user's cache: this module's atomic write."""
    write_bytes(path, data, overwrite=True, sync=False)


i18n.keeper = _keep_catalogue
