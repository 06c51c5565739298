"""A records repository: finding it, finding its record files, loading and indexing them.

A repository is the nearest folder upward holding ``kvk.yaml`` (``--repo`` and ``KVK_REPO``
override). Records live under ``data/``; a file's folder says what kind of record it is.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator

from .diagnostics import Diagnostic, KvkError, RecordError

CONFIG_FILE = "kvk.yaml"
DATA = "data"
#: the top folder (or file) under data/ -> record kind
KIND_OF_TOP = {"saker": "sak", "moter": "moete", "indikatorer": "indikatorer",
               "organisasjon": "organisasjon", "organisasjon.yaml": "organisasjon"}
#: below this many files, worker processes cost more than they save
PARALLEL_THRESHOLD = 400


def find_root(start: Path | None = None, explicit: str | os.PathLike | None = None) -> Path:
    """The repository root: ``explicit`` (``--repo``), else ``$KVK_REPO``, else the nearest folder
    upward from ``start`` that holds kvk.yaml."""
    explicit = explicit or os.environ.get("KVK_REPO") or None
    if explicit:
        root = Path(explicit).expanduser().resolve()
        if not (root / CONFIG_FILE).is_file():
            raise KvkError(f"{root} is not a kvk repository: it has no {CONFIG_FILE}")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise KvkError(f"no {CONFIG_FILE} in {here} or any folder above it "
                   f"(run 'kvk init' to make a repository, or pass --repo PATH)")


def record_kind(rel: str | PurePosixPath) -> str | None:
    """What kind of record lives at ``rel`` (relative to the root, '/'-separated), or None."""
    parts = str(rel).split("/")
    if len(parts) < 2 or parts[0] != DATA or not parts[-1].endswith((".yaml", ".yml")):
        return None
    return KIND_OF_TOP.get(parts[1]) if len(parts) > 2 or parts[1] == "organisasjon.yaml" else None


def expected_case_path(saksnr: str) -> str:
    year, seq = saksnr.split("/")
    return f"{DATA}/saker/{year}/{year}-{int(seq):04d}.yaml"


#: a case file is named after its saksnr, optionally followed by a slug of its title
#: (2009-0017-budsjett-2010.yaml): two branches that hand out the same number then write two
#: files, which merge cleanly and are reported as a duplicate id, instead of a git conflict
CASE_FILE = re.compile(r"^(?P<year>\d{4})-(?P<seq>\d{4,7})(?:-(?P<slug>[a-z0-9][a-z0-9-]*))?\.ya?ml$")


def case_path_matches(saksnr: str, rel: str) -> bool:
    """Is ``rel`` a right place for case ``saksnr``: the expected path, or it with a slug?"""
    folder, _, name = rel.rpartition("/")
    year, seq = saksnr.split("/")
    m = CASE_FILE.match(name)
    return (folder == f"{DATA}/saker/{year}" and m is not None and m["year"] == year
            and int(m["seq"]) == int(seq) and len(m["seq"]) == max(4, len(str(int(seq)))))


def case_files(root: Path, saksnr: str) -> list[str]:
    """Relative paths of the files that may hold case ``saksnr``."""
    year, seq = saksnr.split("/")
    folder = root / DATA / "saker" / year
    stem = f"{year}-{int(seq):04d}"
    if not folder.is_dir():
        return []
    return sorted(f"{DATA}/saker/{year}/{p.name}" for p in folder.glob(f"{stem}*.y*ml")
                  if case_path_matches(saksnr, f"{DATA}/saker/{year}/{p.name}"))


def expected_meeting_path(meeting_id: str) -> str:
    return f"{DATA}/moter/{meeting_id[:4]}/{meeting_id}.yaml"


@dataclass
class Record:
    kind: str
    path: str  # relative to the root, with '/'
    model: Any
    source: Any  # loader.Source; its positions may be dropped after loading (see locate)

    def locate(self, loc: tuple, *, key: bool = False) -> tuple[int, int]:
        return self.source.locate(loc, key=key)


@dataclass
class Loaded:
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0


def _load_one(root: str, rel: str, kind: str, keep_positions: bool) -> tuple[Record | None, list[Diagnostic]]:
    from .loader import load_file
    from .models import MODELS
    from .validation import validate

    try:
        source = load_file(os.path.join(root, rel), rel, root)
    except RecordError as err:
        return None, [err.diagnostic]
    model, diags = validate(MODELS[kind], source)
    if model is None:
        return None, diags
    if not keep_positions:
        source.detach(Path(root) / rel)
    return Record(kind, rel, model, source), diags


def _load_chunk(root: str, items: list[tuple[str, str]]) -> list[tuple[Record | None, list[Diagnostic]]]:
    # positions are rebuilt on demand in the parent: shipping them back costs more than re-reading
    # the few files that need them
    return [_load_one(root, rel, kind, False) for rel, kind in items]


class Repository:
    def __init__(self, root: Path, config: Any):
        self.root = root
        self.config = config

    @classmethod
    def open(cls, start: Path | None = None, explicit: str | None = None) -> "Repository":
        root = find_root(start, explicit)
        return cls(root, load_config(root))

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()

    def record_files(self, paths: Iterable[str | os.PathLike] | None = None) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
        """(relative path, kind) of every record file, or of those under ``paths``. Files under
        data/ outside the record folders come back as KVK012 warnings, linked folders that lead
        out of the repository as KVK007 errors; neither is read."""
        found: list[tuple[str, str]] = []
        stray: list[Diagnostic] = []
        seen: set[str] = set()
        if not paths and not (self.root / DATA).is_dir():
            return found, stray  # a new, empty repository
        for target in (paths if paths else [self.root / DATA]):
            absolute = os.path.abspath(target)
            if not os.path.lexists(absolute):
                raise KvkError(f"{target}: no such file or folder")
            rel = self._relative(absolute)
            if rel is None:
                raise KvkError(f"{target} is outside the repository {self.root}")
            explicit = not os.path.isdir(absolute)
            if not explicit and self._leaves_repository(absolute):
                stray.append(_outside_link(rel, absolute))
                continue
            rel = rel.replace(os.sep, "/")
            walked = ([(rel, record_kind(rel))] if explicit
                      else _walk(os.path.join(str(self.root), rel), str(self.root), stray))
            for rel, kind in walked:
                if rel in seen:
                    continue
                seen.add(rel)
                if kind is not None:
                    found.append((rel, kind))
                elif rel.startswith(DATA + "/") or explicit:
                    stray.append(Diagnostic.make("KVK012", rel, 0, 0, f"'{rel}' is not in a record folder; not checked"))
        return found, stray

    def _relative(self, absolute: str) -> str | None:
        """``absolute`` relative to the root, through links in the path if need be (a checkout
        reached through a linked folder is still inside); None when it is outside."""
        root = str(self.root)
        if absolute.startswith(root + os.sep):  # the usual case, without pathlib's cost
            return absolute[len(root) + 1:]
        if absolute == root:
            return "."
        parent = os.path.realpath(os.path.dirname(absolute))
        if Path(parent).is_relative_to(os.path.realpath(root)):
            return os.path.relpath(os.path.join(parent, os.path.basename(absolute)), os.path.realpath(root))
        return None

    def _leaves_repository(self, folder: str) -> bool:
        return not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(self.root))

    def load(self, paths: Iterable[str | os.PathLike] | None = None, jobs: int | None = None) -> Loaded:
        with fewer_collections():
            return self._load(paths, jobs)

    def _load(self, paths, jobs: int | None) -> Loaded:
        files, stray = self.record_files(paths)
        out = Loaded(diagnostics=list(stray), files=len(files))
        results: Iterable[tuple[Record | None, list[Diagnostic]]]
        jobs = jobs if jobs is not None else (os.cpu_count() or 1)
        root = str(self.root)
        if jobs > 1 and len(files) >= PARALLEL_THRESHOLD:
            results = self._load_parallel(files, jobs)
        else:
            results = (_load_one(root, rel, kind, True) for rel, kind in files)
        for record, diags in results:
            out.diagnostics.extend(diags)
            if record is not None:
                out.records.append(record)
        return out

    def _load_parallel(self, files: list[tuple[str, str]], jobs: int):
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing

        # many small chunks: the last one to finish leaves the other workers idle, so keep it short
        n = min(len(files), jobs * 32)
        chunks = [files[i::n] for i in range(n)]
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = [pool.submit(_load_chunk, str(self.root), chunk) for chunk in chunks if chunk]
            for future in futures:
                yield from future.result()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Loading and checking make millions of objects and hardly any garbage cycles, while the
    imported models and schemas, and the records or facts already read, are hundreds of
    thousands of long-lived ones. With the default thresholds the cycle collector keeps
    re-walking those: a tenth of a full check, and two thirds of loading 23,000 records to
    render from. So freeze what exists and collect rarely meanwhile (as mypy does)."""
    import gc

    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _walk(folder: str, root: str, stray: list[Diagnostic]) -> Iterable[tuple[str, str | None]]:
    """(path relative to ``root``, record kind) of the YAML files under ``folder``, in a stable
    order. os.walk with plain strings, and the kind worked out once per folder: on 23,000 files
    pathlib.rglob costs more than a second. Linked folders are not followed: one inside the
    repository would be checked twice, one leading outside is reported (KVK007) and never read."""
    root = os.path.normpath(root)
    real_root = os.path.realpath(root)
    for here, dirs, names in os.walk(os.path.normpath(folder)):
        rel_here = os.path.relpath(here, root).replace(os.sep, "/")
        if rel_here == ".":
            dirs[:] = [d for d in dirs if d == DATA]  # records live in data/; not in .git
        dirs.sort()
        prefix = "" if rel_here == "." else rel_here + "/"
        deep = prefix.count("/") > 1
        for name in dirs:
            path = os.path.join(here, name)
            if os.path.islink(path) and not Path(os.path.realpath(path)).is_relative_to(real_root):
                stray.append(_outside_link(prefix + name, path))
        # below data/<folder>/ the folder decides the kind; in data/ itself, the file's name
        folder_kind = record_kind(prefix + "x.yaml") if deep else None
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")):
                rel = prefix + name
                yield rel, folder_kind if deep else record_kind(rel)


def _outside_link(rel: str, path: str) -> Diagnostic:
    return Diagnostic.make("KVK007", rel.replace(os.sep, "/"), 0, 0,
                           f"'{rel}' is a link to '{os.readlink(path)}', outside the repository; not read")


def load_config(root: Path) -> Any:
    from .config import Config
    from .loader import load_file
    from .validation import validate

    try:
        source = load_file(root / CONFIG_FILE, CONFIG_FILE, root)
    except RecordError as err:
        raise KvkError(err.diagnostic.format()) from None
    config, diags = validate(Config, source)
    if config is None:
        raise KvkError("\n".join(d.format().replace(d.code, "KVK013", 1) for d in diags))
    return config


class Index:
    """Records by id, for cross-record checks and lookups."""

    def __init__(self, records: list[Record]):
        self.records = records
        self.people: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        self.bodies: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        self.cases: dict[str, list[Record]] = defaultdict(list)
        self.meetings: dict[str, list[Record]] = defaultdict(list)
        self.indicators: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        for rec in records:
            if rec.kind == "organisasjon":
                for i, p in enumerate(rec.model.personer):
                    self.people[p.id].append((rec, ("personer", i, "id"), p))
                for i, b in enumerate(rec.model.utvalg):
                    self.bodies[b.id].append((rec, ("utvalg", i, "id"), b))
            elif rec.kind == "sak":
                self.cases[rec.model.saksnr].append(rec)
            elif rec.kind == "moete":
                self.meetings[rec.model.id].append(rec)
            elif rec.kind == "indikatorer":
                for i, ind in enumerate(rec.model.indikatorer):
                    self.indicators[ind.id].append((rec, ("indikatorer", i, "id"), ind))

    def person(self, pid: str):
        hits = self.people.get(pid)
        return hits[0][2] if hits else None

    def body(self, bid: str):
        hits = self.bodies.get(bid)
        return hits[0][2] if hits else None

    def case(self, saksnr: str):
        hits = self.cases.get(saksnr)
        return hits[0].model if hits else None

    def meeting(self, mid: str):
        hits = self.meetings.get(mid)
        return hits[0].model if hits else None
