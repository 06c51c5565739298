"""The content-addressed cache: results worked out from a file, kept by the file's content.

kvk keeps what it worked out from each record file (a check's facts and findings, a listing's
row) in ``.kvk/cache/`` at the repository root, so a second run reads the file, hashes it and
takes the result instead of parsing and validating again. This module is the store and
knows nothing of records; :mod:`kvk.repository` decides what is kept and under which key.

* **Keys.** An entry is valid for one file (its path) with one content (a BLAKE2b hash of its
  bytes), under one *environment*: a hash of everything else the result depends on (kvk's
  code and models, the library versions, the organisation, ``kvk.yaml``), which the caller
  computes. A pack written under another environment is not read at all.
* **Packs.** The entries of one record folder (``data/saker/2009``) are one file, a *pack*,
  so a command reads the packs of the folders it touches, and an edit rewrites one pack.
* **Never torn, never trusted blindly.** A pack is written through :func:`kvk.io.files.write_bytes`
  (a temporary file renamed into place), so two kvk processes at once each leave a whole pack
  (the last one wins; the other's new entries are worked out again next time). A pack begins
  with a magic number, the format version and the environment, and ends with a checksum of its
  body: a truncated, corrupt or foreign file is ignored (and replaced when next written). The
  body is a pickle restricted to plain containers, strings and numbers (no class is ever
  looked up, so a crafted file cannot run code).
* **Stat signatures.** Each entry also keeps the file's size, modification and change times
  and inode as they were when it was read. :func:`unchanged` compares them, as git does, for
  the one use where reading every file would cost more than the question is worth: finding
  *related* records. An entry whose file changed within :data:`RACY_SECONDS` of being read is
  never trusted on its signature alone (a second change in the same clock tick would leave
  the signature as it was). Results about the files a command was asked about are always
  checked against the hash of their content.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import shutil
import stat
import struct
import time
from pathlib import Path
from typing import Any

from ..diagnostics import WriteError
from .files import write_bytes

#: the folder at the repository root that holds kvk's own files (the cache)
TOP = ".kvk"
MAGIC = b"KVKCACHE"
FORMAT = 1
#: a file changed less than this long before it was read may change again unseen by its stat
RACY_SECONDS = 2.0
_HEADER = struct.Struct(">8sH32sQ16s")  # magic, format, environment, body length, body checksum

#: an entry: (content digest, stat signature or None, value)
Entry = tuple[bytes, tuple | None, Any]


def digest(data: bytes) -> bytes:
    """The content hash of a file's bytes (16 bytes of BLAKE2b)."""
    return hashlib.blake2b(data, digest_size=16).digest()


def environment(*parts: bytes | str) -> bytes:
    """A 32-byte key for everything a result depends on besides the file itself."""
    h = hashlib.blake2b(digest_size=32)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(struct.pack(">Q", len(data)))
        h.update(data)
    return h.digest()


def signature(st: os.stat_result, now: int | None = None) -> tuple[int, int, int, int, int] | None:
    """The stat signature of a file as it is read, or None when it changed too recently to be
    told apart from a change that follows in the same clock tick (``now``: time.time_ns(),
    when the caller has it)."""
    newest = max(st.st_mtime_ns, st.st_ctime_ns)
    if newest > (time.time_ns() if now is None else now) - int(RACY_SECONDS * 1e9):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def unchanged(sig: tuple | None, st: os.stat_result) -> bool:
    """Is a file whose stat is ``st`` still the one whose signature was ``sig``?"""
    return sig is not None and sig == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def wanted() -> bool:
    """Whether kvk uses its caches unless told otherwise: yes, but not with KVK_NO_CACHE set
    (to anything but 0 or an empty value)."""
    return os.environ.get("KVK_NO_CACHE", "") in ("", "0")


def user_folder(name: str) -> Path | None:
    """``name`` in this user's own cache folder (``$XDG_CACHE_HOME/kvk``, by default
    ``~/.cache/kvk``), made on first use with mode 0700; None when it cannot be made, or when
    it (or ``kvk/`` above it) is a link, is not this user's, or can be written by others. What
    is kept there may be code (compiled templates), so it must never be a folder that a
    repository or another user could fill: it is not kept in ``.kvk/cache/``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        top = (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "kvk"
        folder = top / name
        top.parent.mkdir(parents=True, exist_ok=True)
        for part in (top, folder):
            try:
                part.mkdir(mode=0o700)
            except FileExistsError:
                pass
            st = os.lstat(part)
            if (not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid())
                    or st.st_mode & 0o022):
                return None
    except (OSError, RuntimeError):  # no home folder, or none that can be written
        return None
    return folder


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles containers, strings, bytes and numbers only: a pickle that names any class or
    function (the way a pickle runs code) is refused."""

    def find_class(self, module: str, name: str):  # noqa: ARG002 - refusing every name is the point
        raise pickle.UnpicklingError("a cache pack names a class")


SENTINEL_FILES = {
    # git, and tools that honour .gitignore, leave the whole folder alone (as pytest and mypy do)
    ".gitignore": "# created by kvk: the cache is never committed\n*\n",
    # backup tools that know the convention skip it (https://bford.info/cachedir/)
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# kvk's cache; see kvk cache clear\n",
}


class Store:
    """The cache of one repository: ``.kvk/cache/`` under its root, made on first use."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.top = self.root / TOP
        self.folder = self.top / "cache"

    def pack(self, namespace: str, shelf: str, env: bytes) -> "Pack":
        """The pack of ``namespace`` (what is kept: "facts", "case-rows") for the record folder
        ``shelf`` under environment ``env``."""
        readable = re.sub(r"[^A-Za-z0-9_-]+", "-", shelf).strip("-")[:80] or "root"
        name = f"{readable}.{digest(shelf.encode('utf-8'))[:4].hex()}.pack"
        return Pack(self, self.folder / namespace / name, environment(env, namespace, shelf))

    def usable(self, namespace: str) -> bool:
        """False when a folder of the cache is a link: a repository from elsewhere could point
        ``.kvk`` at any folder, and kvk would write its packs there. Such a cache is neither
        read nor written."""
        return not any(os.path.islink(p) for p in (self.top, self.folder, self.folder / namespace))

    def make(self) -> None:
        """Create the folder, and beside it the files that keep it out of git and backups."""
        if not self.top.is_dir():
            self.top.mkdir(exist_ok=True)
            for name, text in SENTINEL_FILES.items():
                try:
                    write_bytes(self.top / name, text.encode("utf-8"), sync=False)
                except Exception:  # noqa: BLE001 - another kvk made it first, or it cannot be written
                    pass
        self.folder.mkdir(exist_ok=True)

    def clear(self) -> bool:
        """Remove every pack; False when there was no cache."""
        if not self.folder.exists():
            return False
        shutil.rmtree(self.folder)
        return True


class Pack:
    """The entries of one record folder under one environment; :meth:`save` writes them back
    when anything changed."""

    def __init__(self, store: Store, file: Path, env: bytes):
        self.store = store
        self.file = file
        self.env = env
        self.usable = store.usable(file.parent.name)
        self.entries: dict[str, Entry] = _read(file, env) if self.usable else {}
        self.changed = False

    def get(self, rel: str) -> Entry | None:
        return self.entries.get(rel)

    def put(self, rel: str, entry: Entry) -> None:
        if self.entries.get(rel) != entry:
            self.entries[rel] = entry
            self.changed = True

    def drop(self, rel: str) -> None:
        if self.entries.pop(rel, None) is not None:
            self.changed = True

    def save(self) -> bool:
        """Write the pack if anything changed; False when it cannot be written (a read-only
        checkout, a full disk): the cache is an aid, never a reason to fail."""
        if not self.changed:
            return True
        data = _encode(self.env, self.entries)
        if not self.usable:
            return False
        try:
            self.store.make()
            self.file.parent.mkdir(exist_ok=True)
            write_bytes(self.file, data, root=self.store.root, overwrite=True, sync=False)
        except (OSError, WriteError):  # a read-only checkout, a full disk, a file where a folder goes
            return False
        self.changed = False
        return True


class _PlainPickler(pickle.Pickler):
    """Pickles only what :class:`_PlainUnpickler` reads back: anything else is a bug in the
    summariser that made it (a cached summary must be plain data), raised as TypeError rather
    than kept as a pack that would never load."""

    def reducer_override(self, obj):  # called only for objects that are not plain containers or scalars
        raise TypeError(f"the cache keeps plain data only, not {type(obj).__name__}")


def _encode(env: bytes, entries: dict[str, Entry]) -> bytes:
    out = io.BytesIO()
    _PlainPickler(out, protocol=5).dump(entries)
    body = out.getvalue()
    return _HEADER.pack(MAGIC, FORMAT, env, len(body), hashlib.blake2b(body, digest_size=16).digest()) + body


def _read(file: Path, env: bytes) -> dict[str, Entry]:
    """The entries of a pack, or none when it is missing, written under another environment,
    truncated, corrupt or not a pack at all."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read()
    except OSError:
        return {}
    if len(raw) < _HEADER.size:
        return {}
    magic, fmt, stored_env, length, checksum = _HEADER.unpack_from(raw)
    body = memoryview(raw)[_HEADER.size:]
    if (magic != MAGIC or fmt != FORMAT or stored_env != env or length != len(body)
            or hashlib.blake2b(body, digest_size=16).digest() != checksum):
        return {}
    try:
        entries = _PlainUnpickler(io.BytesIO(body)).load()
    except Exception:  # noqa: BLE001 - whatever a damaged body raises, the pack is ignored
        return {}
    if not isinstance(entries, dict):
        return {}
    return {rel: e for rel, e in entries.items() if _well_formed(rel, e)}


def _well_formed(rel: Any, entry: Any) -> bool:
    return (type(rel) is str and type(entry) is tuple and len(entry) == 3 and type(entry[0]) is bytes
            and (entry[1] is None or type(entry[1]) is tuple))
