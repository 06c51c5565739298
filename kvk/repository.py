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

from . import i18n, layout
from .diagnostics import CODES, BrokenRecords, Diagnostic, GitError, RecordError, RepositoryError, UsageError
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


def cache_wanted() -> bool:
    """Whether commands use the cache unless told otherwise (:func:`kvk.io.cache.wanted`)."""
    from .io import cache

    return cache.wanted()


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
    #: read to find records related to others, not to answer about these files: with a cached
    #: summariser, a file whose size, times and inode are as when its summary was cached (and
    #: were not fresh then) gives that summary without being read, the way git decides a file
    #: is unchanged; ``words`` then only pass over files that have no summary in the cache
    index: bool = False

    #: numbers that count wherever no other digit touches them: '45/09' in 'PS 45/09' and
    #: 'PS45/09', not in '145/09'
    numbers: tuple[str, ...] = ()
    #: (number, word): the number (as in ``numbers``) counts only in a file that also holds the
    #: word (as in ``words``), anywhere: '45/09' given by the formannskapet, in a large
    #: archive where every year's numbers are given by every body
    pairs: tuple[tuple[str, str], ...] = ()

    def containing(self, *words: str, number: bool = False) -> "Scope":
        """Only the files whose text holds one of ``words`` (as a whole id, or with ``number``
        as a number no other digit touches)."""
        if number:
            return replace(self, numbers=self.numbers + words)
        return replace(self, words=self.words + words)

    def containing_pairs(self, pairs: Iterable[tuple[str, str]]) -> "Scope":
        """Also the files whose text holds a number of ``pairs`` (as with ``number``) and, in
        the same file, the word paired with it (as a whole id)."""
        return replace(self, pairs=self.pairs + tuple(pairs))

    @property
    def pattern(self) -> "Mentions | None":
        if self.words or self.numbers or self.pairs:
            return mentioning(self.words, self.numbers, self.pairs)
        return None

    def as_index(self) -> "Scope":
        """This scope, read to find related records (see ``index``)."""
        return replace(self, index=True)

    @classmethod
    def folders(cls, folders: Iterable[str]) -> "Scope":
        """The record files in these folders (relative to the root), those that exist."""
        return cls(tuple(dict.fromkeys(folders)))

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
    #: the organisation's too; with a summariser the records are summarised instead, and only
    #: the organisation's are here (with a cached one, only if it had to be parsed)
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # about the files in scope
    context_diagnostics: list[Diagnostic] = field(default_factory=list)  # the organisation's, when not in scope
    summaries: list[Any] = field(default_factory=list)  # with summarise=: one per loaded record
    paths: list[str] = field(default_factory=list)  # the record files in scope
    organisation: "_Organisation | None" = field(default=None, repr=False)
    #: files in scope whose summary an index took from the cache by their stat signature,
    #: without reading them; every other summary rests on the file's bytes as this load read them
    unread: set[str] = field(default_factory=set)

    @property
    def directory(self) -> "Directory":
        """People and bodies by id (parsed now if the load did not need them: a load answered
        from the cache does not)."""
        return self.organisation.directory() if self.organisation is not None else Directory()

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
    parties: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, organisations: Iterable[Any]) -> "Directory":
        d = cls()
        for org in organisations:
            for p in org.personer:
                d.people.setdefault(p.id, p)
            for b in org.utvalg:
                d.bodies.setdefault(b.id, b)
            for party in org.partier:
                d.parties.setdefault(party.id, party)
            for o in org.organisasjoner:
                d.organisations.setdefault(o.id, o)
        return d

    def party_of(self, person_id: str) -> str | None:
        """The party id of a person: their ``parti``, else the party whose id or kortnavn their
        free-text ``representerer`` is ("Ap", "FrP"); None when neither says."""
        person = self.people.get(person_id)
        if person is None:
            return None
        if person.parti:
            return person.parti
        said = (person.representerer or "").strip().lower()
        if not said:
            return None
        for party in self.parties.values():
            if said in (party.id, (party.kortnavn or "").lower()):
                return party.id
        return None


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

    model_class = _MODELS.get(kind)
    if model_class is None:  # only the kinds a command reads are imported
        from .models import model_of

        model_class = _MODELS[kind] = model_of(kind)
    model, diags = validate(model_class, source)
    if model is None:
        raise _Invalid(diags)
    return Record(kind, rel, model, source)


def _build_models(kinds: set[str]) -> None:
    """Build the validators of these kinds' models here, before worker processes are forked:
    the models build them on first use (an import builds none), and each worker would build
    them again for itself."""
    from .models import model_of

    for kind in kinds:
        cls = _MODELS.get(kind) or _MODELS.setdefault(kind, model_of(kind))
        if not cls.__pydantic_complete__:
            cls.model_rebuild()


class _Invalid(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0].format())
        self.diagnostics = diagnostics


def _parse(raw: bytes, rel: str, kind: str, file: str) -> tuple[Record | None, list[Diagnostic]]:
    """A record from a file's bytes, or the findings that say why it does not load."""
    from .io.yaml import load_bytes

    try:
        return _validated(kind, rel, load_bytes(raw, rel, file=file)), []
    except RecordError as err:
        return None, [err.diagnostic]
    except _Invalid as err:
        return None, err.diagnostics


def _load_one(root: str, rel: str, kind: str, keep_positions: bool) -> tuple[Record | None, list[Diagnostic]]:
    from .io.files import read_record_bytes

    path = os.path.join(root, rel)
    try:
        raw = read_record_bytes(path, rel, root)
    except RecordError as err:
        return None, [err.diagnostic]
    record, diags = _parse(raw, rel, kind, path)
    if record is not None and not keep_positions:
        # positions are rebuilt on demand: shipping them between processes costs more than
        # reading again the few files a finding points at
        record.source.detach(Path(root) / rel)
    return record, diags


class _Organisation:
    """The organisation as one load reads it: the bytes of its files, read once (every summary
    may depend on them, so they are part of the cache's key), and parsed when first needed (a
    load answered from the cache never needs it)."""

    def __init__(self, root: str, files: Iterable[str]):
        from .io.files import read_record_bytes

        self.root = root
        self.raw: dict[str, bytes | Diagnostic] = {}
        for rel in files:
            try:
                self.raw[rel] = read_record_bytes(os.path.join(root, rel), rel, root)
            except RecordError as err:
                self.raw[rel] = err.diagnostic
        self._parsed: list[tuple[Record | None, list[Diagnostic], str]] | None = None
        self._directory: Directory | None = None

    def key(self) -> list[bytes | str]:
        parts: list[bytes | str] = []
        for rel, raw in self.raw.items():
            parts += [rel, raw if isinstance(raw, bytes) else "unreadable: " + raw.format()]
        return parts

    @property
    def is_parsed(self) -> bool:
        return self._parsed is not None

    def parsed(self) -> list[tuple[Record | None, list[Diagnostic], str]]:
        """(record or None, findings, path) of each file."""
        if self._parsed is None:
            out = []
            for rel, raw in self.raw.items():
                if isinstance(raw, Diagnostic):
                    out.append((None, [raw], rel))
                else:
                    record, diags = _parse(raw, rel, layout.ORGANISASJON, os.path.join(self.root, rel))
                    out.append((record, diags, rel))
            self._parsed = out
        return self._parsed

    def directory(self) -> Directory:
        if self._directory is None:
            self._directory = Directory.of(rec.model for rec, _, _ in self.parsed() if rec is not None)
        return self._directory


# work done in each worker process: the organisation it needs is set up once per worker (and
# parsed there only if a record is to be summarised)
_ORG: _Organisation | None = None


def _set_organisation(org: _Organisation | None) -> None:
    global _ORG
    _ORG = org


def _directory_here() -> Directory:
    return _ORG.directory() if _ORG is not None else Directory()


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
            out.append((summarise(record, _directory_here()), diags, rel))
    return out


# --- the cache: summaries kept by content --------------------------------------------------------

def cached(namespace: str) -> Callable[[Summarise], Summarise]:
    """Mark a summariser whose results are kept in the repository's cache (``.kvk/cache/``,
    under ``namespace``). It must be a pure function of the record (its path and content) and
    the organisation, and return plain data: tuples, lists, dicts, strings, numbers, None."""
    def mark(fn: Summarise) -> Summarise:
        fn.kvk_cache = namespace  # type: ignore[attr-defined]
        return fn
    return mark


_CODE: list[bytes | None] = []


def code_key() -> bytes | None:
    """What every cached result depends on besides its file and the organisation: kvk's version
    and a hash of its code (the models', the rules' and the loader's source, read from the
    installed package, so an edit to any of them makes every cached result invalid by itself),
    Python's version, and which releases of pydantic, pydantic-core and PyYAML are installed.
    None when the source cannot be read (kvk then does without the cache)."""
    if not _CODE:
        import importlib.util
        import sys

        import kvk

        from .io import cache

        source = source_key(Path(__file__).resolve().parent)
        if source is None:
            _CODE.append(None)
            return None
        parts: list[bytes | str] = [kvk.__version__, sys.version, source]
        for name in ("pydantic", "pydantic_core", "yaml"):
            spec = importlib.util.find_spec(name)
            folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
            if folder is None:
                parts.append(f"{name}: not installed")
                continue
            # an upgrade rewrites the package's files: their names, sizes and times tell it
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    st = entry.stat()
                    parts.append(f"{name}/{entry.name} {st.st_size} {st.st_mtime_ns}")
        _CODE.append(cache.environment(*parts))
    return _CODE[0]


def source_key(package: Path) -> bytes | None:
    """A hash of every Python source file under ``package`` (names and contents); None when
    there is none to read."""
    from .io import cache

    sources = sorted(Path(package).rglob("*.py"))
    if not sources:
        return None
    parts: list[bytes | str] = []
    for path in sources:
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return cache.environment(*parts)


def _parser_key() -> str:
    from .io.yaml import HAVE_LIBYAML

    return f"libyaml={HAVE_LIBYAML} parser={os.environ.get('KVK_YAML_PARSER', '')}"


def _plain_diagnostics(diags: list[Diagnostic]) -> tuple:
    return tuple(d.as_tuple() for d in diags)


_HIT, _NEW, _SKIP = 0, 1, 2
#: how many searches that passed a file by are remembered for it
_PASSED_BY_KEPT = 8


def _passed_by(entry: tuple) -> bool:
    """Is this cache entry the mark of index searches that passed the file by, unparsed?"""
    value = entry[2]
    return type(value) is tuple and len(value) == 2 and value[0] == "passed by"


def _cached_chunk(items: list[tuple[str, str, bytes | None, tuple | None]], root: str, summarise: Summarise,
                  pattern: "Mentions | None", index: bool) -> list[tuple]:
    """Read and hash each file (``items``: path, kind, the digest and signature cached for
    it). A file whose hash is the cached one is a hit and, when its signature is as cached
    too, not reported at all (a warm check sends next to nothing back); any other file is
    parsed and summarised (a cache value: (loaded, summary, findings as tuples)). With
    ``pattern``, a file whose text cannot matter is skipped: before the hash is compared (the
    scope's files are those that mention the words), or only where nothing is cached
    (``index``: a related record's cached summary is as good as any)."""
    import time

    from .io import cache
    from .io.files import read_record

    out: list[tuple] = []
    now = time.time_ns()
    for rel, kind, expected, known_sig in items:
        path = os.path.join(root, rel)
        try:
            raw, st = read_record(path, rel, root)
        except RecordError as err:
            out.append((_NEW, rel, None, None, (False, None, (err.diagnostic.as_tuple(),))))
            continue
        if pattern is not None and not index and not pattern.search(raw):
            out.append((_SKIP, rel))
            continue
        d = cache.digest(raw)
        sig = cache.signature(st, now)
        if d == expected:
            if sig != known_sig:
                out.append((_HIT, rel, sig))
            continue
        if pattern is not None and index and not pattern.search(raw):
            out.append((_SKIP, rel, d, sig))  # kept, so the same search passes it by next time
            continue
        record, diags = _parse(raw, rel, kind, path)
        if record is None:
            value = (False, None, _plain_diagnostics(diags))
        else:
            value = (True, summarise(record, _directory_here()), ())
        out.append((_NEW, rel, d, sig, value))
    return out


# --- the repository --------------------------------------------------------------------------

class Repository:
    def __init__(self, root: Path, config: Any, *, cache: bool | None = None):
        self.root = root
        self.config = config
        #: keep and use per-file results in .kvk/cache/ (off with --no-cache or KVK_NO_CACHE=1)
        self.cache = cache_wanted() if cache is None else cache

    @classmethod
    def open(cls, start: Path | None = None, explicit: str | None = None, *, cache: bool | None = None) -> "Repository":
        root = find_root(start, explicit)
        return cls(root, load_config(root), cache=cache)

    def rel(self, path: str | os.PathLike) -> str | None:
        """A path a person gave (relative to where they stand, or absolute) relative to the
        root; None when it is outside the repository."""
        return layout.relative(self.root, path)

    # --- which files --------------------------------------------------------------------

    def record_files(self, scope: Scope, *, read: bool = True) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
        """(relative path, kind) of the record files in ``scope``, and findings about what is
        there but is not a record (KVK012) or is a link out of the repository (KVK007).
        ``read=False``: the scope's words are left for the caller to look for."""
        found: list[tuple[str, str]] = []
        searched: list[tuple[str, str]] = []  # record files to search for the scope's words
        stray: list[Diagnostic] = []
        seen: set[str] = set()
        pattern = scope.pattern if read else None
        if layout.DATA in scope.targets:
            from .io.transaction import interrupted

            half = interrupted(self.root)  # a half-made change is a finding of the whole repository
            if half is not None:
                stray.append(half)
        for target in scope.targets:
            rel = self._target(target, scope)
            if rel is None:
                continue
            absolute = os.path.join(str(self.root), rel) if rel != "." else str(self.root)
            explicit = not os.path.isdir(absolute)
            if explicit and not scope.named and not rel.endswith((".yaml", ".yml")):
                explicit = False  # a folder of records that is a file: the walk reports it
            if not explicit and layout.leaves(self.root, absolute):
                stray.append(layout.outside_link(rel, absolute))
                continue
            walked = [(rel, layout.kind_of(rel))] if explicit else layout.walk(self.root, [rel], stray)
            for path, kind in walked:
                if path in seen:
                    continue
                seen.add(path)
                if kind is not None:
                    (found if pattern is None else searched).append((path, kind))
                elif explicit and layout.is_miscased(path):
                    stray.append(layout.miscased(path))
                elif path.startswith(layout.DATA + "/") or (explicit and scope.named):
                    stray.append(Diagnostic.make("KVK012", path, 0, 0, i18n._(
                        "'{path}' is not in a record folder; not checked").format(path=path)))
        if searched:
            found += self._mentioning(searched, pattern)
        return found, stray

    #: from this many files on, git searches them (when the repository is in a git work tree)
    GREP_FROM = 400

    def _mentioning(self, files: list[tuple[str, str]], pattern: "Mentions") -> list[tuple[str, str]]:
        """The ``files`` whose bytes mention the pattern's words, in their order. Many files
        are searched by git (:meth:`kvk.io.git.Git.grep_pattern`), which reads them in C; a
        file git does not search because it is not a regular one (a link, a FIFO) is kept, as
        :func:`_mentions` keeps it, for the loader to say what it is."""
        hits = self._grep(files, pattern) if len(files) >= self.GREP_FROM and pattern.pcre else None
        if hits is None:
            return [(rel, kind) for rel, kind in files if _mentions(self.root / rel, pattern)]
        if pattern.refine:  # git found the numbers of the pairs alone: what it found is read here
            hits = set(pool.run(_mentions_chunk, sorted(hits), args=(str(self.root), pattern)))
        folders = sorted({rel.rpartition("/")[0] for rel, _ in files})
        for folder in folders:
            try:
                with os.scandir(self.root / folder) as entries:
                    hits.update(f"{folder}/{e.name}" for e in entries if not e.is_file(follow_symlinks=False))
            except OSError:
                hits.update(rel for rel, _ in files if rel.rpartition("/")[0] == folder)
        return [(rel, kind) for rel, kind in files if rel in hits]

    def _grep(self, files: list[tuple[str, str]], pattern: "Mentions") -> set[str] | None:
        from .io.git import Git

        try:
            git = Git.open(self.root)
        except GitError:
            return None
        # the folders, each once: a pathspec per file would make the command line as long as the archive
        folders = sorted({rel.rpartition("/")[0] for rel, _ in files})
        return git.grep_pattern(pattern.pcre, [f"{f}/" for f in folders])

    def _target(self, target: str, scope: Scope) -> str | None:
        if scope.named:
            if not os.path.lexists(target):
                raise UsageError(f"{target}: no such file or folder")
            rel = self.rel(target)
            if rel is None:
                raise UsageError(f"{target} is outside the repository {self.root}")
            return rel
        if not os.path.lexists(os.path.join(self.root, target)):
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
        namespace = getattr(summarise, "kvk_cache", None)
        if namespace is not None and self.cache and code_key() is not None:
            out = self._load_cached(scope, jobs, summarise, namespace, progress)
        else:
            out = self._load_directly(scope, jobs, summarise, progress)
        if on_broken is Broken.FAIL:
            broken = [d for d in (*out.context_diagnostics, *out.diagnostics) if d.is_error]
            if broken:
                raise BrokenRecords(broken)
        return out

    def _load_directly(self, scope: Scope, jobs: int | None, summarise: Summarise | None,
                       progress: pool.Progress | None = None) -> Loaded:
        files, stray = self.record_files(scope)
        root = str(self.root)
        # the organisation first, here: every record and every worker needs it
        org = _Organisation(root, layout.organisation_files(self.root))
        out = Loaded(diagnostics=list(stray), paths=[rel for rel, _ in files], organisation=org)
        orgs = org.parsed()
        directory = org.directory()
        rest = [(rel, kind) for rel, kind in files if kind != layout.ORGANISASJON]
        # a record that crosses back from a worker leaves its positions behind (they are rebuilt
        # on demand); a summary needs none, and a record loaded here keeps them
        keep = summarise is not None or not pool.in_workers(len(rest), jobs)
        if pool.in_workers(len(rest), jobs):
            _build_models({kind for _, kind in rest})
        results = pool.run(_load_chunk, rest, jobs=jobs, initializer=_set_organisation, initargs=(org,),
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
        return out

    def _load_cached(self, scope: Scope, jobs: int | None, summarise: Summarise, namespace: str,
                     progress: pool.Progress | None = None) -> Loaded:
        """:meth:`_load_directly` for a summariser marked :func:`cached`: each file's summary is
        taken from the cache when the hash of the file's content (and of everything else it
        depends on) is the one it was made from, and made (and kept) otherwise."""
        from .io import cache

        files, stray = self.record_files(scope, read=False)
        root = str(self.root)
        org = _Organisation(root, layout.organisation_files(self.root))
        try:
            config = (self.root / layout.CONFIG_FILE).read_bytes()
        except OSError:
            config = b""
        # the findings kept with every summary are worded in the command's language: a pack is
        # read only in the language it was written in, and each language has packs of its own
        # (so a CI job in English and a clerk in bokmål do not rebuild each other's)
        namespace = f"{namespace}.{i18n.language()}"
        env = cache.environment(code_key(), _parser_key(), namespace, config, *org.key())
        store = cache.Store(self.root)
        packs: dict[str, cache.Pack] = {}

        def pack_of(rel: str) -> cache.Pack:
            shelf = rel.rpartition("/")[0]
            found = packs.get(shelf)
            if found is None:
                found = packs[shelf] = store.pack(namespace, shelf, env)
            return found

        values: dict[str, tuple] = {}  # path -> (loaded, summary, findings as tuples)
        # the organisation's files were read above: their summaries need no second read
        for rel, raw in org.raw.items():
            if isinstance(raw, Diagnostic):
                values[rel] = (False, None, (raw.as_tuple(),))
                continue
            d = cache.digest(raw)
            entry = pack_of(rel).get(rel)
            if entry is not None and entry[0] == d:
                values[rel] = entry[2]
                continue
            record, diags = next((rec, diags) for rec, diags, r in org.parsed() if r == rel)
            values[rel] = (True, summarise(record, org.directory()), ()) if record else (False, None, _plain_diagnostics(diags))
            pack_of(rel).put(rel, (d, None, values[rel]))
        # a related record unchanged since it was cached (by its stat, as git decides) is not
        # even read; everything else is read and hashed, and parsed if its hash is new
        work: list[tuple[str, str, bytes | None, tuple | None]] = []
        hits: list[tuple[str, tuple]] = []  # (path, cache entry) of the files sent to be hashed
        pattern = scope.pattern
        # an index search keeps the files it passed by, under the words it looked for (several
        # searches may pass one file by: a few of them are kept)
        key = (cache.digest(repr((sorted(set(scope.words)), sorted(set(scope.numbers)),
                                  sorted(set(scope.pairs)))).encode()) if scope.index else None)

        def passed_by(entry: tuple) -> bool:
            return _passed_by(entry) and key in entry[2][1]

        skipped: set[str] = set()
        unread: set[str] = set()
        for rel, kind in files:
            if rel in org.raw:
                continue
            entry = pack_of(rel).get(rel)
            if entry is not None and _passed_by(entry) and not passed_by(entry):
                entry = None  # passed by in other searches (or none): this one must look
            if entry is None:
                work.append((rel, kind, None, None))
                continue
            if scope.index:
                try:
                    st = os.lstat(os.path.join(root, rel))
                except OSError:
                    st = None
                if st is not None and cache.unchanged(entry[1], st):
                    if passed_by(entry):
                        skipped.add(rel)
                    else:
                        values[rel] = entry[2]
                        unread.add(rel)
                    continue
            work.append((rel, kind, entry[0], entry[1]))
            hits.append((rel, entry))
        # hashing a file (or searching it for the scope's words) costs a tenth of parsing it:
        # workers pay only where much is to be parsed
        unknown = 0.2 if pattern is not None else 1
        weight = sum(unknown if expected is None else 0.1 for _, _, expected, _ in work)
        if pool.in_workers(int(weight), jobs) and any(expected is None for _, _, expected, _ in work):
            _build_models({kind for _, kind, expected, _ in work if expected is None})
        results = pool.run(_cached_chunk, work, jobs=jobs if pool.in_workers(int(weight), jobs) else 1,
                           initializer=_set_organisation, initargs=(org,),
                           args=(root, summarise, pattern, scope.index), progress=progress)
        reported = {result[1] for result in results if result[0] != _HIT}
        # every file sent with a cached entry and not reported back is a hit as it stands
        for rel, entry in hits:
            if rel in reported:
                continue
            if passed_by(entry):
                skipped.add(rel)
            else:
                values[rel] = entry[2]
        for result in results:
            what, rel = result[0], result[1]
            if what == _SKIP:
                skipped.add(rel)
                values.pop(rel, None)
                if len(result) == 4 and result[2] is not None:
                    old = pack_of(rel).get(rel)
                    keys = (key,) + tuple(k for k in (old[2][1] if old and _passed_by(old) and old[0] == result[2]
                                                      else ()) if k != key)
                    pack_of(rel).put(rel, (result[2], result[3], ("passed by", keys[:_PASSED_BY_KEPT])))
            elif what == _HIT:
                pack = pack_of(rel)
                digest, _, value = pack.get(rel)
                pack.put(rel, (digest, result[2], value))
            else:
                _, _, d, sig, value = result
                if d is not None:
                    pack_of(rel).put(rel, (d, sig, value))
                values[rel] = value
        for pack in packs.values():
            if pack.changed:
                for rel in [r for r in pack.entries if not os.path.lexists(os.path.join(root, r))]:
                    pack.drop(rel)
                pack.save()

        out = Loaded(diagnostics=list(stray), organisation=org, unread=unread - skipped)
        out.paths = [rel for rel, _ in files if rel not in skipped]
        in_scope = set(out.paths)
        for rel in org.raw:
            loaded, summary, diags = values[rel]
            (out.diagnostics if rel in in_scope else out.context_diagnostics).extend(map(Diagnostic.from_tuple, diags))
            if loaded:
                out.summaries.append(summary)
        for rel in out.paths:
            if rel in org.raw:
                continue
            loaded, summary, diags = values[rel]
            out.diagnostics.extend(map(Diagnostic.from_tuple, diags))
            if loaded:
                out.summaries.append(summary)
        if org.is_parsed:
            out.records += [rec for rec, _, _ in org.parsed() if rec is not None]
        return out

    def clear_cache(self) -> bool:
        """Delete the cache (.kvk/cache/); False when there was none."""
        from .io import cache

        return cache.Store(self.root).clear()

    def cache_info(self) -> tuple[str, int, int]:
        """(folder relative to the root, number of packs, bytes) of the cache."""
        from .io import cache

        store = cache.Store(self.root)
        packs = [p for p in store.folder.rglob("*.pack")] if store.folder.is_dir() else []
        return store.folder.relative_to(self.root).as_posix(), len(packs), sum(p.stat().st_size for p in packs)

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


def mentioning(words: Iterable[str], numbers: Iterable[str] = (),
               pairs: Iterable[tuple[str, str]] = ()) -> "Mentions":
    """A search for bytes that hold any of ``words`` as a whole id (not inside a longer one),
    or any of ``numbers`` with no other digit next to it, or a number of ``pairs`` (so) with
    the word paired with it (so) anywhere in the same bytes."""
    return Mentions(tuple(words), tuple(numbers), tuple(pairs))


class Mentions:
    """:func:`mentioning`'s search: ``search(data)`` is truthy where the data mention one of the
    words. Words made of digits and separators (a saksnr 2009/17, an utvalgssaksnr 45/09, a
    date 30.10.2009) are looked up in a set: the text's runs of digits and separators are cut
    at each separator and every piece is tried, so a search costs the same for three numbers
    and for three thousand (a check of changed files looks for every saksnr they hold). Other
    words go to a regular expression (a few are first looked for as plain bytes, a scan in C).
    A number of a pair is looked up the same way, and its word then looked for in the text.

    ``pcre`` is the same search for git grep, which matches line by line: with pairs it finds
    the numbers alone, a superset that ``refine`` says must be searched again here."""

    #: up to this many words, plain byte scans come first
    FEW = 24
    #: runs of digits joined by separators: 2009/17, 45/09, 30.10.2009, 2009-10-30
    _RUNS = re.compile(rb"[0-9]+(?:[/.-][0-9]+)+")

    def __init__(self, words: tuple[str, ...], numbers: tuple[str, ...] = (),
                 pairs: tuple[tuple[str, str], ...] = ()):
        numeric = [w for w in (*words, *numbers) if _NUMERIC.fullmatch(w)]
        # a pair whose number is not one (a word of letters) asks for both words: rare enough
        # to be looked for as the word alone, a superset
        loose = [n for n, _ in pairs if not _NUMERIC.fullmatch(n)]
        words = (*words, *loose)
        by_number: dict[bytes, set[bytes]] = {}
        for n, w in pairs:
            if _NUMERIC.fullmatch(n):
                by_number.setdefault(n.encode("utf-8"), set()).add(w.encode("utf-8"))
        self.paired = {n: tuple(sorted(ws)) for n, ws in by_number.items()}
        self._paired_numbers = frozenset(self.paired)
        self._word_res: dict[bytes, re.Pattern] = {}
        #: git's answer (``pcre``) is a superset: the files it finds must be searched again here
        self.refine = bool(self.paired)
        others = [w for w in words if not _NUMERIC.fullmatch(w)]
        bare = [w for w in numbers if not _NUMERIC.fullmatch(w)]
        self.numbers = frozenset(w.encode("utf-8") for w in numeric)
        self.literals = tuple(w.encode("utf-8") for w in (*others, *bare))
        whole, digits = _trie(others), _trie(bare)
        parts = ([rb"(?<![\w/-])" + whole + rb"(?![\w-])"] if whole else [])
        parts += [rb"(?<![0-9])" + digits + rb"(?![0-9])"] if digits else []
        self.pattern = re.compile(b"|".join(parts)) if parts else None
        # the same search as one Perl-compatible pattern, for git grep (a number in the set
        # above is found wherever no digit touches it: a piece of 1.2009/17 cut at its
        # separators is exactly such a place); \w spelt out, as git may read it as Unicode
        every = ([rb"(?<![A-Za-z0-9_/-])" + whole + rb"(?![A-Za-z0-9_-])"] if whole else [])
        paired_numbers = [n.decode("utf-8") for n in self.paired]
        every += [rb"(?<![0-9])" + t + rb"(?![0-9])" for t in (_trie([*numeric, *paired_numbers]), digits) if t]
        joined = b"|".join(every)
        self.pcre = joined.decode("ascii") if every and joined.isascii() else None

    def search(self, data: bytes) -> bool:
        if self.numbers or self.paired:
            pieces = self._pieces(data)
            if not self.numbers.isdisjoint(pieces) or (self.paired and self._pairs_in(data, pieces)):
                return True
        if self.pattern is None:
            return False
        if len(self.literals) <= self.FEW and not any(w in data for w in self.literals):
            return False
        return self.pattern.search(data) is not None

    def _pieces(self, data: bytes) -> set[bytes]:
        """The text's runs of digits and separators, and every piece of a run from one
        separator to another (1.2009/17 names 2009/17; 2009/17.5 too)."""
        # only digits and separators can be in a run: the few stretches of them are found in C,
        # and the regular expression runs over those alone (a tenth of the time)
        runs = {run for stretch in data.translate(_RUN_BYTES).split() if len(stretch) > 2
                for run in self._RUNS.findall(stretch)}
        pieces = set(runs)
        for run in runs:
            if len(run) > 3 and run.count(b"/") + run.count(b".") + run.count(b"-") > 1:
                cuts = [i for i, b in enumerate(run) if b in b"/.-"]
                starts, ends = [0] + [i + 1 for i in cuts], cuts + [len(run)]
                pieces.update(run[a:b] for a in starts for b in ends if b > a)
        return pieces

    def _pairs_in(self, data: bytes, pieces: set[bytes]) -> bool:
        words = {word for piece in pieces & self._paired_numbers for word in self.paired[piece]}
        for word in sorted(words):
            if word not in data:  # a scan in C rules most out
                continue
            found = self._word_res.get(word)
            if found is None:
                found = self._word_res[word] = re.compile(rb"(?<![\w/-])" + re.escape(word) + rb"(?![\w-])")
            if found.search(data):
                return True
        return False


_NUMERIC = re.compile(r"[0-9]+(?:[/.-][0-9]+)+")
#: every byte that cannot be in a run of digits and separators made a space
_RUN_BYTES = bytes(b if b in b"0123456789/.-" else 0x20 for b in range(256))


def _trie(words: Iterable[str]) -> bytes:
    """A regular expression matching any of ``words``, as a trie (one branch per next byte)."""
    root: dict = {}
    for word in words:
        node = root
        for byte in word.encode("utf-8"):
            node = node.setdefault(byte, {})
        node[None] = {}

    def build(node: dict) -> bytes:
        branches = [re.escape(bytes([b])) + build(child) for b, child in sorted((b, c) for b, c in node.items()
                                                                                  if b is not None)]
        if not branches:
            return b""
        body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
        return b"(?:" + body + b")?" if None in node else body

    return build(root)


def _mentions(file: str | Path, pattern: Mentions) -> bool:
    if os.path.islink(file):
        return True  # the loader decides whether a link may be read
    from .io.files import read_record_bytes

    try:  # non-blocking and regular files only: a FIFO named like a record must not hang
        return bool(pattern.search(read_record_bytes(file, str(file))))
    except (OSError, RecordError):
        return True  # the loader says what is wrong with it


def _mentions_chunk(rels: list[str], root: str, pattern: Mentions) -> list[str]:
    """Those of ``rels`` that mention the pattern's words."""
    return [rel for rel in rels if _mentions(os.path.join(root, rel), pattern)]


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
