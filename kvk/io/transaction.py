"""A change to several files made as one: every file or none, even across a crash.

1. **plan**: the new content of each file, files to remove;
2. **prepare**: every new content goes to a temporary file beside its target, flushed to disk
   (a full disk or a refused folder stops here, with nothing changed and no temporary file
   left);
3. **journal**: the list of renames is written to ``.kvk/transaction.json`` in one step;
4. **commit**: each temporary file is renamed over its target, removed files are unlinked;
   the journal is removed last.

A failure in step 4 rolls back what was renamed (an existing target is first linked to a
backup name, so the old content is kept without copying). A process killed in step 4 leaves the
journal: ``kvk check`` names the half state (KVK018) and ``kvk recover`` finishes it (every new
content is on disk by then, so it rolls forward). Killed before, it leaves only hidden temporary
files, which ``kvk recover`` removes.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, WriteError
from ..i18n import _
from .files import current_umask, io_error, shown
from .lock import STATE_FOLDER, state_folder

JOURNAL = "transaction.json"
NEW_SUFFIX = ".kvk-new"
OLD_SUFFIX = ".kvk-old"
#: what write_bytes leaves when killed between writing and renaming (.<name>.<random>.tmp)
_TMP_SUFFIX = ".tmp"


@dataclass
class _Write:
    target: Path
    data: bytes
    new: bool  # the target must not exist (checked again at commit)
    mode_from: Path | None = None
    expect: bytes | None = None  # the content the target had when it was read: refuse if it changed
    tmp: Path | None = None
    backup: Path | None = None
    done: bool = False


@dataclass
class Transaction:
    """Collect writes and removals, then :meth:`commit` them as one change."""

    root: Path
    writes: list[_Write] = field(default_factory=list)
    removals: list[Path] = field(default_factory=list)
    command: str = ""

    def write(self, path: Path, text: str, *, new: bool = False, mode_from: Path | None = None,
              expect: bytes | None = None) -> None:
        """Write ``text`` to ``path`` at commit. ``expect``: the bytes the file held when the
        command read it; if anyone changed it since (an editor, by hand), the change is refused
        (KVK701) rather than overwriting their edit."""
        self.writes.append(_Write(Path(path), text.encode("utf-8"), new, mode_from, expect))

    def remove(self, path: Path) -> None:
        self.removals.append(Path(path))

    # --- the steps ----------------------------------------------------------------------

    def commit(self) -> None:
        self._check_targets()
        try:
            self._prepare()
        except BaseException:
            self._discard()
            raise
        journal = self._write_journal()
        try:
            self._rename_all()
        except BaseException as err:
            self._roll_back()
            _unlink(journal)
            if isinstance(err, OSError):
                raise io_error(err, "the files of this change") from None
            raise
        for w in self.writes:
            if w.backup is not None:
                _unlink(w.backup)
        _sync_folders({w.target.parent for w in self.writes} | {p.parent for p in self.removals})
        _unlink(journal)

    def _unchanged(self, w: _Write) -> None:
        if w.expect is None:
            return
        try:
            now = w.target.read_bytes()
        except FileNotFoundError:
            now = None
        except OSError as err:
            raise io_error(err, shown(w.target, self.root)) from None
        if now != w.expect:
            rel = shown(w.target, self.root)
            from ..diagnostics import CODES

            raise WriteError.at("KVK701", rel, 0, 0,
                                _("{path} was changed by someone else after kvk read it; nothing was "
                                  "written").format(path=rel), _(CODES["KVK701"].hint))

    def _check_targets(self) -> None:
        for w in self.writes:
            self._unchanged(w)
            if w.new and os.path.lexists(w.target):
                raise WriteError(_("{path} already exists; not overwritten").format(path=shown(w.target, self.root)))
            if not w.target.parent.is_dir():
                try:
                    w.target.parent.mkdir(parents=True, exist_ok=True)
                except OSError as err:
                    raise io_error(err, _("folder {folder}").format(folder=shown(w.target.parent, self.root))) from None

    def _prepare(self) -> None:
        for w in self.writes:
            try:
                fd, tmp = tempfile.mkstemp(dir=w.target.parent, prefix=f".{w.target.name}.", suffix=NEW_SUFFIX)
            except OSError as err:
                raise io_error(err, shown(w.target, self.root)) from None
            w.tmp = Path(tmp)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(w.data)
                    out.flush()
                    os.fsync(out.fileno())
                try:
                    mode = (w.mode_from or w.target).stat().st_mode & 0o7777
                except FileNotFoundError:
                    mode = 0o666 & ~current_umask()
                os.chmod(tmp, mode)
            except OSError as err:
                raise io_error(err, shown(w.target, self.root)) from None

    def _write_journal(self) -> Path:
        folder = state_folder(self.root)
        entries = {"command": self.command,
                   "writes": [[_rel(w.tmp, self.root), _rel(w.target, self.root)] for w in self.writes],
                   "removals": [_rel(p, self.root) for p in self.removals]}
        path = folder / JOURNAL
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".transaction.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entries, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except OSError as err:
            _unlink(Path(tmp))
            self._discard()
            raise io_error(err, f"{STATE_FOLDER}/{JOURNAL}") from None
        return path

    def _rename_all(self) -> None:
        for w in self.writes:
            self._unchanged(w)  # again: the shortest window in which an edit could be lost
            if os.path.lexists(w.target):
                if w.new:
                    raise FileExistsError(errno.EEXIST, "already exists", str(w.target))
                w.backup = w.target.with_name(f".{w.target.name}{OLD_SUFFIX}")
                _unlink(w.backup)
                os.link(w.target, w.backup)
            os.replace(w.tmp, w.target)
            w.done = True
        for path in self.removals:
            _unlink(path)

    def _roll_back(self) -> None:
        for w in reversed(self.writes):
            if w.done:
                if w.backup is not None:
                    os.replace(w.backup, w.target)
                else:
                    _unlink(w.target)
            elif w.backup is not None:
                _unlink(w.backup)
        self._discard()

    def _discard(self) -> None:
        for w in self.writes:
            if w.tmp is not None and not w.done:
                _unlink(w.tmp)


def _rel(path: Path | None, root: Path) -> str:
    return os.path.relpath(str(path), str(root)).replace(os.sep, "/")


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _sync_folders(folders: set[Path]) -> None:
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


# --- after an interruption -------------------------------------------------------------------

def journal_path(root: Path) -> Path:
    return Path(root) / STATE_FOLDER / JOURNAL


def interrupted(root: Path) -> Diagnostic | None:
    """KVK018 when a change to several files was interrupted half way."""
    path = journal_path(root)
    if not path.exists():
        return None
    try:
        command = json.loads(path.read_text(encoding="utf-8")).get("command") or _("a kvk command")
    except (OSError, ValueError, AttributeError):
        command = _("a kvk command")
    return Diagnostic.make("KVK018", f"{STATE_FOLDER}/{JOURNAL}", 1, 1,
                           _("'{command}' was interrupted while it changed several files; some have the new "
                             "content, some the old").format(command=command))


def leftovers(root: Path) -> list[Path]:
    """Temporary and backup files an interrupted write left under data/."""
    found = []
    data = Path(root) / "data"
    for here, _dirs, names in os.walk(data):
        for name in names:
            if name.startswith(".") and name.endswith((NEW_SUFFIX, OLD_SUFFIX, _TMP_SUFFIX)):
                found.append(Path(here) / name)
    return found


def recover(root: Path) -> list[str]:
    """Finish an interrupted change (roll forward: its new content was all on disk before the
    first rename) and remove what interrupted writes left behind. Returns what was done."""
    root = Path(root)
    done: list[str] = []
    path = journal_path(root)
    if path.exists():
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            writes = [(root / tmp, root / target) for tmp, target in entries.get("writes", [])]
            removals = [root / rel for rel in entries.get("removals", [])]
        except (OSError, ValueError, TypeError, AttributeError):
            raise WriteError(_("{journal} cannot be read; restore the files with git (git status shows them), "
                               "then remove {journal}").format(journal=f"{STATE_FOLDER}/{JOURNAL}")) from None
        for tmp, target in writes:
            if not _inside(root, tmp) or not _inside(root, target):
                raise WriteError(_("{journal} names a file outside the repository; not used").format(
                    journal=f"{STATE_FOLDER}/{JOURNAL}"))
            if os.path.lexists(tmp):
                os.replace(tmp, target)
                done.append(_("finished writing {path}").format(path=_rel(target, root)))
        for removed in removals:
            if _inside(root, removed) and os.path.lexists(removed):
                _unlink(removed)
                done.append(_("removed {path}").format(path=_rel(removed, root)))
        _unlink(path)
        done.append(_("the interrupted '{command}' is complete").format(command=entries.get("command") or "kvk"))
    for left in leftovers(root):
        _unlink(left)
        done.append(_("removed the temporary file {path}").format(path=_rel(left, root)))
    return done


def _inside(root: Path, path: Path) -> bool:
    return os.path.realpath(path).startswith(os.path.realpath(root) + os.sep)
