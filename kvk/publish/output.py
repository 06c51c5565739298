"""Output folders built aside and moved into place: a failed build leaves the previous output
untouched, and a file whose bytes did not change is the old file (same inode, same time), so a
rebuild after one changed record rewrites only what depends on it."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import KvkError
from ..io.files import write_bytes

#: the file that says kvk wrote a folder, so kvk may replace it whole
MARKER = ".kvk-publish"
MARKER_TEXT = b"Written by kvk (kvk export / kvk site). kvk replaces this folder whole when it builds it again.\n"


class OutputRefused(KvkError):
    """The output folder holds something kvk did not write; kvk will not replace it."""


@dataclass
class Staging:
    """A folder being built: files go to ``folder``; ``target`` is where it will stand."""

    folder: Path
    target: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)  # of the previous output, once finished

    def write(self, rel: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        path = self.folder / rel
        old = self.target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) \
                    and old.read_bytes() == data:
                os.link(old, path)  # the same file: nothing that depends on it sees a change
                self.unchanged.append(rel)
                return
        except OSError:
            pass  # another file system, or the old one went away: write it anew
        write_bytes(path, data, make_folder=False, sync=False)
        self.written.append(rel)

    def files(self) -> list[str]:
        return sorted(self.written + self.unchanged)

    def removed(self) -> list[str]:
        """Files of the previous output that this build no longer has."""
        if not self.target.is_dir():
            return []
        now = set(self.files())
        old = {p.relative_to(self.target).as_posix() for p in self.target.rglob("*") if p.is_file()}
        return sorted(old - now - {MARKER})


def check_replaceable(target: Path) -> None:
    """KVK604 unless ``target`` is absent, an empty folder, or a folder kvk wrote."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink() or not target.is_dir():
        raise OutputRefused.at("KVK604", str(target), 0, 0, f"{target} is not a folder")
    if (target / MARKER).is_file() or not any(target.iterdir()):
        return
    raise OutputRefused.at("KVK604", str(target), 0, 0,
                           f"{target} holds files kvk did not write (it has no {MARKER}); nothing was replaced")


def begin(target: Path) -> Staging:
    target = Path(os.path.abspath(target))
    check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent))
    return Staging(folder=folder, target=target)


def finish(staging: Staging) -> None:
    """Move the built folder into place; the previous one is deleted only after that."""
    write_bytes(staging.folder / MARKER, MARKER_TEXT, make_folder=False, sync=False)
    os.chmod(staging.folder, 0o755)  # mkdtemp makes 0700: a site is to be served
    target = staging.target
    old = None
    if target.exists():
        check_replaceable(target)  # again: something may have been put there meanwhile
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.rename(target, old / "previous")
    try:
        os.rename(staging.folder, target)
    except OSError:
        if old is not None:
            os.rename(old / "previous", target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def abandon(staging: Staging) -> None:
    shutil.rmtree(staging.folder, ignore_errors=True)


class build:
    """``with build(target) as out: out.write(rel, data)``: moved into place when the block ends
    without an error, thrown away when it raises."""

    def __init__(self, target: Path):
        self.target = Path(target)
        self.staging: Staging | None = None

    def __enter__(self) -> Staging:
        self.staging = begin(self.target)
        return self.staging

    def __exit__(self, kind, value, tb) -> bool:
        assert self.staging is not None
        if kind is None:
            self.staging.removed_files = self.staging.removed()
            try:
                finish(self.staging)
            except BaseException:
                abandon(self.staging)
                raise
        else:
            abandon(self.staging)
        return False
