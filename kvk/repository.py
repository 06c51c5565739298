"""A records repository: finding it, and the one way every command loads its records.

A repository is the nearest folder upward holding ``kvk.yaml`` (``--repo`` and ``KVK_REPO``
override). Which files a command reads is a :class:`Scope`, named for what it is for; what
happens to a file that does not load is a :class:`Broken` policy, named too:

* ``REPORT`` — the finding is kept and loading goes on (``kvk check``);
* ``SKIP`` — the record is left out, the finding kept so the caller can warn (``list``, ``show``);
* ``FAIL`` — loading stops with :class:`~kvk.diagnostics.BrokenRecords` (render, authoring:
  a document or a number computed without a record would be silently wrong).

The organisation is always read (names, members, who may vote), whatever the scope. Many files
are read in worker processes (:mod:`kvk.io.pool`); a caller that needs only a summary of each
record (a check's facts, a listing's row) passes ``summarise``, which runs in the workers, so
that a summary and not a whole model crosses back.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable

from . import layout
from .diagnostics import CODES, BrokenRecords, Diagnostic, RecordError, RepositoryError, UsageError
from .io import pool


def find_root(start: Path | None = None, explicit: str | os.PathLike | None = None) -> Path:
    """The repository root: ``explicit`` (``--repo``), else ``$KVK_REPO``, else the nearest folder
    upward from ``start`` that holds kvk.yaml."""
    explicit = explicit or os.environ.get("KVK_REPO") or None
    if explicit:
        root = Path(explicit).expanduser().resolve()
        if not (root / layout.CONFIG_FILE).is_file():
            raise RepositoryError(f"{root} is not a kvk repository: it has no {layout.CONFIG_FILE}")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / layout.CONFIG_FILE).is_file():
            return folder
    raise RepositoryError(f"no {layout.CONFIG_FILE} in {here} or any folder above it "
                          f"(run 'kvk init' to make a repository, or pass --repo PATH)")


def load_config(root: Path) -> Any:
    """kvk.yaml as a :class:`~kvk.models.config.Config`; a problem is KVK013 at its place."""
    from .io.yaml import load_file
    from .models.config import Config
    from .models.validation import validate

    try:
        source = load_file(root / layout.CONFIG_FILE, layout.CONFIG_FILE, root)
    except RecordError as err:
        raise RepositoryError(diagnostics=[_as_config_problem(err.diagnostic)]) from None
    config, diags = validate(Config, source)
    if config is None:
        raise RepositoryError(diagnostics=[_as_config_problem(d) for d in diags])
    return config


def _as_config_problem(d: Diagnostic) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.col, "KVK013", d.message, d.hint, d.severity)


# --- what is loaded --------------------------------------------------------------------------

@dataclass
class Record:
    kind: str
    path: str  # relative to the root, with '/'
    model: Any
    source: Any  # io.yaml.Source; its positions may be dropped after loading (see locate)

    def locate(self, loc: tuple, *, key: bool = False) -> tuple[int, int]:
        return self.source.locate(loc, key=key)


class Broken(Enum):
    """What to do with a record file that does not load or validate."""

    REPORT = "report"  # keep its findings, go on
    SKIP = "skip"  # leave the record out; its findings are kept for a warning
    FAIL = "fail"  # stop: BrokenRecords


@dataclass(frozen=True)
class Scope:
    """Which record files a command reads (the organisation is read in any case).

    ``targets`` are files or folders relative to the root; ``named`` means a person named them on
    the command line, so a missing one is an error and a file outside the record folders is
    reported (KVK012) rather than passed over."""

    targets: tuple[str, ...]
    named: bool = False
    optional: bool = True  # targets that do not exist are skipped (a new repository has no data/)
    #: only files whose text holds one of these words (as a whole id): reading bytes costs a
    #: small fraction of parsing YAML, so a command that cares about one body or one case need
    #: not parse a whole archive
    words: tuple[str, ...] = ()

    def containing(self, *words: str) -> "Scope":
        return replace(self, words=self.words + words)

    @classmethod
    def everything(cls) -> "Scope":
        return cls((layout.DATA,))

    @classmethod
    def organisation(cls) -> "Scope":
        return cls(())

    @classmethod
    def kinds(cls, *kinds: str, years: Iterable[int] | None = None) -> "Scope":
        """Every record of these kinds (of these years, for cases and meetings)."""
        targets: list[str] = []
        for kind in kinds:
            if kind == layout.ORGANISASJON:
                continue
            if years is not None and kind in (layout.SAK, layout.MOETE):
                targets += [layout.record_folder(kind, y) for y in sorted(set(years))]
            else:
                targets.append(layout.record_folder(kind))
        return cls(tuple(targets))

    @classmethod
    def files(cls, rels: Iterable[str]) -> "Scope":
        """These record files (relative to the root), those of them that exist."""
        return cls(tuple(dict.fromkeys(rels)))

    @classmethod
    def paths(cls, paths: Iterable[str | os.PathLike]) -> "Scope":
        """Files or folders a person named (relative to where they stand, or absolute)."""
        return cls(tuple(os.fspath(p) for p in paths), named=True, optional=False)


@dataclass
class Loaded:
    records: list[Record] = field(default_factory=list)  # the organisation's too
    diagnostics: list[Diagnostic] = field(default_factory=list)  # about the files in scope
    context_diagnostics: list[Diagnostic] = field(default_factory=list)  # the organisation's, when not in scope
    summaries: list[Any] = field(default_factory=list)  # with summarise=: one per loaded record
    paths: list[str] = field(default_factory=list)  # the record files in scope
    directory: "Directory | None" = None

    @property
    def files(self) -> int:
        return len(self.paths)

    def broken(self) -> list[str]:
        """The files that did not load (in scope or of the organisation)."""
        return sorted({d.path for d in (*self.diagnostics, *self.context_diagnostics) if d.is_error})

    def index(self) -> "Index":
        return Index(self.records)


@dataclass
class Directory:
    """The organisation as references need it: people and bodies by id (the first of two that
    claim one id; the check reports the second)."""

    people: dict[str, Any] = field(default_factory=dict)
    bodies: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, organisations: Iterable[Any]) -> "Directory":
        d = cls()
        for org in organisations:
            for p in org.personer:
                d.people.setdefault(p.id, p)
            for b in org.utvalg:
                d.bodies.setdefault(b.id, b)
        return d


Summarise = Callable[[Record, Directory], Any]


# --- loading one file ------------------------------------------------------------------------

def parse_record(raw: bytes, rel: str, kind: str | None = None) -> Record:
    """A record from its bytes (a file's, or a version's from git); RecordError when it does not
    load, BrokenRecords-ready diagnostics when it does not validate (raised as RecordError of
    the first)."""
    from .io.yaml import decode, load_text

    kind = kind or layout.kind_of(rel)
    if kind is None:
        raise ValueError(f"{rel} is not a record file")
    source = load_text(decode(raw, rel), rel)
    return _validated(kind, rel, source)


_MODELS: dict = {}  # kind -> model class, imported on first use (kvk --help needs no pydantic)


def _validated(kind: str, rel: str, source: Any) -> Record:
    from .models.validation import validate

    if not _MODELS:
        from .models import MODELS

        _MODELS.update(MODELS)
    model, diags = validate(_MODELS[kind], source)
    if model is None:
        raise _Invalid(diags)
    return Record(kind, rel, model, source)


class _Invalid(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0].format())
        self.diagnostics = diagnostics


def _load_one(root: str, rel: str, kind: str, keep_positions: bool) -> tuple[Record | None, list[Diagnostic]]:
    from .io.yaml import load_file

    try:
        source = load_file(os.path.join(root, rel), rel, root)
        record = _validated(kind, rel, source)
    except RecordError as err:
        return None, [err.diagnostic]
    except _Invalid as err:
        return None, err.diagnostics
    if not keep_positions:
        # positions are rebuilt on demand: shipping them between processes costs more than
        # reading again the few files a finding points at
        source.detach(Path(root) / rel)
    return record, []


# work done in each worker process: the organisation it needs is set up once per worker
_DIRECTORY: Directory | None = None


def _set_directory(directory: Directory) -> None:
    global _DIRECTORY
    _DIRECTORY = directory


def _load_chunk(items: list[tuple[str, str]], root: str, summarise: Summarise | None,
                keep_positions: bool) -> list[tuple[Any, list[Diagnostic], str]]:
    out = []
    for rel, kind in items:
        record, diags = _load_one(root, rel, kind, keep_positions)
        if record is None:
            out.append((None, diags, rel))
        elif summarise is None:
            out.append((record, diags, rel))
        else:
            out.append((summarise(record, _DIRECTORY), diags, rel))
    return out


# --- the repository --------------------------------------------------------------------------

class Repository:
    def __init__(self, root: Path, config: Any):
        self.root = root
        self.config = config

    @classmethod
    def open(cls, start: Path | None = None, explicit: str | None = None) -> "Repository":
        root = find_root(start, explicit)
        return cls(root, load_config(root))

    def rel(self, path: str | os.PathLike) -> str | None:
        """A path a person gave (relative to where they stand, or absolute) relative to the
        root; None when it is outside the repository."""
        return layout.relative(self.root, path)

    # --- which files --------------------------------------------------------------------

    def record_files(self, scope: Scope) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
        """(relative path, kind) of the record files in ``scope``, and findings about what is
        there but is not a record (KVK012) or is a link out of the repository (KVK007)."""
        found: list[tuple[str, str]] = []
        stray: list[Diagnostic] = []
        seen: set[str] = set()
        pattern = mentioning(scope.words) if scope.words else None
        for target in scope.targets:
            rel = self._target(target, scope)
            if rel is None:
                continue
            absolute = os.path.join(str(self.root), rel) if rel != "." else str(self.root)
            explicit = not os.path.isdir(absolute)
            if not explicit and layout.leaves(self.root, absolute):
                stray.append(layout.outside_link(rel, absolute))
                continue
            walked = [(rel, layout.kind_of(rel))] if explicit else layout.walk(self.root, [rel], stray)
            for path, kind in walked:
                if path in seen:
                    continue
                seen.add(path)
                if kind is not None:
                    if pattern is None or _mentions(self.root / path, pattern):
                        found.append((path, kind))
                elif path.startswith(layout.DATA + "/") or (explicit and scope.named):
                    stray.append(Diagnostic.make("KVK012", path, 0, 0, f"'{path}' is not in a record folder; not checked"))
        return found, stray

    def _target(self, target: str, scope: Scope) -> str | None:
        if scope.named:
            if not os.path.lexists(target):
                raise UsageError(f"{target}: no such file or folder")
            rel = self.rel(target)
            if rel is None:
                raise UsageError(f"{target} is outside the repository {self.root}")
            return rel
        if not os.path.lexists(self.root / target):
            if scope.optional:
                return None
            raise UsageError(f"{target}: no such file or folder")
        return target

    # --- loading ------------------------------------------------------------------------

    def load(self, scope: Scope | None = None, *, on_broken: Broken = Broken.REPORT, jobs: int | None = None,
             summarise: Summarise | None = None, progress: pool.Progress | None = None) -> Loaded:
        """Load the records in ``scope`` (default: everything) and the organisation.
        ``progress(done, total)`` hears how many record files are read, as they are."""
        with pool.fewer_collections():
            return self._load(scope or Scope.everything(), on_broken, jobs, summarise, progress)

    def _load(self, scope: Scope, on_broken: Broken, jobs: int | None, summarise: Summarise | None,
              progress: pool.Progress | None = None) -> Loaded:
        files, stray = self.record_files(scope)
        out = Loaded(diagnostics=list(stray), paths=[rel for rel, _ in files])
        root = str(self.root)
        # the organisation first, here: every record and every worker needs it
        organisation = [(rel, layout.ORGANISASJON) for rel in layout.organisation_files(self.root)]
        orgs = _load_chunk(organisation, root, None, True)
        directory = Directory.of(rec.model for rec, _, _ in orgs if rec is not None)
        out.directory = directory
        rest = [(rel, kind) for rel, kind in files if kind != layout.ORGANISASJON]
        # a record that crosses back from a worker leaves its positions behind (they are rebuilt
        # on demand); a summary needs none, and a record loaded here keeps them
        keep = summarise is not None or not pool.in_workers(len(rest), jobs)
        results = pool.run(_load_chunk, rest, jobs=jobs, initializer=_set_directory, initargs=(directory,),
                           args=(root, summarise, keep), progress=progress)
        in_scope = set(out.paths)
        for rec, diags, rel in orgs:
            (out.diagnostics if rel in in_scope else out.context_diagnostics).extend(diags)
            if rec is not None:
                out.records.append(rec)
                if summarise is not None:
                    out.summaries.append(summarise(rec, directory))
        for item, diags, rel in results:
            out.diagnostics.extend(diags)
            if item is None:
                continue
            if summarise is None:
                out.records.append(item)
            else:
                out.summaries.append(item)
        if on_broken is Broken.FAIL:
            broken = [d for d in (*out.context_diagnostics, *out.diagnostics) if d.is_error]
            if broken:
                raise BrokenRecords(broken)
        return out

    def load_index(self, scope: Scope | None = None, *, on_broken: Broken = Broken.FAIL) -> "Index":
        """The records of ``scope`` (and the organisation), indexed by id."""
        return self.load(scope, on_broken=on_broken, jobs=1).index()

    def read(self, rel: str) -> Record | None:
        """One record file as it is now (None when there is no such file); a file that does not
        load raises BrokenRecords."""
        from .io.files import read_record_bytes

        if not os.path.lexists(self.root / rel):
            return None
        kind = layout.kind_of(rel)
        if kind is None:
            raise UsageError(f"{rel} is not a record file ({CODES['KVK012'].hint})")
        try:
            return parse_record(read_record_bytes(self.root / rel, rel, self.root), rel, kind)
        except RecordError as err:
            raise BrokenRecords([err.diagnostic]) from None
        except _Invalid as err:
            raise BrokenRecords(err.diagnostics) from None


def record_from_bytes(raw: bytes, rel: str) -> Record:
    """A record from bytes (a version from git); raises RecordError with the first problem."""
    try:
        return parse_record(raw, rel)
    except _Invalid as err:
        raise RecordError(err.diagnostics[0]) from None


def mentioning(words: Iterable[str]) -> re.Pattern[bytes]:
    """Bytes that hold any of ``words`` as a whole id (not inside a longer one)."""
    alternatives = b"|".join(re.escape(w.encode("utf-8")) for w in words)
    return re.compile(rb"(?<![\w/-])(?:" + alternatives + rb")(?![\w-])")


def _mentions(file: Path, pattern: re.Pattern[bytes]) -> bool:
    if os.path.islink(file):
        return True  # the loader decides whether a link may be read
    try:
        return pattern.search(file.read_bytes()) is not None
    except OSError:
        return True  # the loader says what is wrong with it


# --- the index -------------------------------------------------------------------------------

class Index:
    """Records by id, for lookups. Two records claiming one id are both kept: a lookup takes the
    first, ``kvk check`` reports both (KVK203), and commands that must not guess refuse."""

    def __init__(self, records: list[Record]):
        self.records = records
        self.people: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        self.bodies: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        self.cases: dict[str, list[Record]] = defaultdict(list)
        self.meetings: dict[str, list[Record]] = defaultdict(list)
        self.indicators: dict[str, list[tuple[Record, tuple, Any]]] = defaultdict(list)
        for rec in records:
            if rec.kind == layout.ORGANISASJON:
                for i, p in enumerate(rec.model.personer):
                    self.people[p.id].append((rec, ("personer", i, "id"), p))
                for i, b in enumerate(rec.model.utvalg):
                    self.bodies[b.id].append((rec, ("utvalg", i, "id"), b))
            elif rec.kind == layout.SAK:
                self.cases[rec.model.saksnr].append(rec)
            elif rec.kind == layout.MOETE:
                self.meetings[rec.model.id].append(rec)
            elif rec.kind == layout.INDIKATORER:
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

    def all(self, table: str) -> list:
        """Every entry of one table (cases, meetings, people, bodies, indicators), claimants of
        a shared id included."""
        return [hit for hits in getattr(self, table).values() for hit in hits]
