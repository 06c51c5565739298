"""The check: load every record with its facts, then run the repository rules over the facts.

All findings are collected before anything is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import layout
from ..diagnostics import Diagnostic, RecordError
from ..io import pool
from ..models.references import BODY, CASE, INDICATOR, PERSON
from ..repository import Broken, Repository, Scope
from .facts import Facts, facts_of, from_tuple


class Locator:
    """Lines and columns for (path, loc) pairs, read from the files only when a finding needs
    them."""

    def __init__(self, root):
        self.root = Path(root) if root is not None else None
        self._sources: dict[str, Any] = {}

    def __call__(self, path: str, loc: tuple) -> tuple[int, int]:
        from ..io.yaml import load_file

        if path not in self._sources:
            try:
                self._sources[path] = load_file(self.root / path, path, self.root, track=True)
            except RecordError:
                self._sources[path] = None
        source = self._sources[path]
        return source.locate(loc) if source is not None else (0, 0)

    def make(self, code: str, path: str, loc: tuple, message: str, hint: str | None = None) -> Diagnostic:
        line, col = self(path, loc)
        return Diagnostic.make(code, path, line, col, message, hint)


@dataclass
class AllFacts:
    """The facts of every record the repository rules look at, and the tables they share (made
    in one pass: the rules run in the parent process, after the workers, so their cost is
    added to every check's wall time)."""

    facts: list[Facts]
    unloaded: dict[str, set[str]] = field(default_factory=dict)  # ids files that did not load may define
    defined: dict[str, dict[str, list[tuple[str, tuple]]]] = field(init=False)
    cases: list[Facts] = field(init=False)
    meetings: list[Facts] = field(init=False)
    by_ident: dict[str, list[Facts]] = field(init=False)  # cases by saksnr, meetings by id

    def __post_init__(self) -> None:
        self.defined = defaultdict(lambda: defaultdict(list))
        self.cases, self.meetings, self.by_ident = [], [], {}
        for f in self.facts:
            for kind, ident, loc in f.defines:
                self.defined[kind][ident].append((f.path, loc))
            if f.kind == layout.SAK:
                self.cases.append(f)
            elif f.kind == layout.MOETE:
                self.meetings.append(f)
            else:
                continue
            self.by_ident.setdefault(f.ident, []).append(f)

    def may_exist(self, kind: str, ident: str) -> bool:
        """Is ``ident`` defined, or perhaps defined by a file that did not load?"""
        if ident in self.defined[kind]:
            return True
        maybe = self.unloaded.get(kind, ())
        return ident in maybe or _ALL in maybe


def repository_findings(facts: AllFacts, where: Locator) -> Iterator[Diagnostic]:
    from .rules import REPOSITORY_RULES

    for rule in REPOSITORY_RULES:
        yield from rule.fn(facts, where)


# --- ids claimed by files that did not load --------------------------------------------------
#
# A file that fails to load or validate has no facts. Without care, every reference to what it
# defines would then be reported as unknown too: one typo in a measurement would turn into
# "unknown indicator" in every case linking it. So the ids such files claim are read from their
# raw values (or their file names), and references to them are not reported; the file's own
# diagnostic already says what is wrong.

_ALL = "*"  # the file could not be read at all: any id of that kind may have been in it


def ids_of_unloaded(root: Path, diagnostics: Iterable[Diagnostic], facts: list[Facts]) -> dict[str, set[str]]:
    from ..io.yaml import load_file

    loaded = {f.path for f in facts}
    failed = {d.path for d in diagnostics if d.is_error and d.path not in loaded}
    claimed: dict[str, set[str]] = defaultdict(set)
    for path in sorted(failed):
        kind = layout.kind_of(path)
        try:
            data = load_file(Path(root) / path, path, Path(root)).data
        except RecordError:
            data = None
        if kind == layout.SAK:
            claimed[CASE].add(_raw_saksnr(data, path))
        elif kind == layout.ORGANISASJON:
            claimed[PERSON] |= _raw_ids(data, "personer")
            claimed[BODY] |= _raw_ids(data, "utvalg")
        elif kind == layout.INDIKATORER:
            claimed[INDICATOR] |= _raw_ids(data, "indikatorer")
    return claimed


def _raw_ids(data, key: str) -> set[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {_ALL}
    return {str(item["id"]).strip() for item in items if isinstance(item, dict) and item.get("id")}


def _raw_saksnr(data, path: str) -> str:
    from pydantic_core import PydanticCustomError

    from ..models.common import parse_saksnr

    try:
        return parse_saksnr(data["saksnr"])
    except (TypeError, KeyError, PydanticCustomError):
        return layout.id_of(path) or ""


# --- collecting facts ------------------------------------------------------------------------

@dataclass
class Collected:
    facts: list[Facts] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # the record files in scope
    #: facts an index took from the cache without reading the file (Loaded.unread)
    unread: set[str] = field(default_factory=set)

    @property
    def files(self) -> int:
        return len(self.paths)


def collect(repo: Repository, scope: Scope, jobs: int | None = None,
            progress: pool.Progress | None = None) -> Collected:
    """Load, validate and summarise the records of ``scope`` (in worker processes when there
    are many); the organisation's facts come too (it is always read)."""
    loaded = repo.load(scope, on_broken=Broken.REPORT, jobs=jobs, summarise=facts_of, progress=progress)
    facts = [from_tuple(t) for t in loaded.summaries]
    diagnostics = list(loaded.diagnostics)
    for f in facts:
        diagnostics.extend(f.findings)
    return Collected(facts, diagnostics, loaded.paths, loaded.unread)


def check_repository(repo: Repository, paths: list[str] | None = None, jobs: int | None = None,
                     progress: pool.Progress | None = None) -> tuple[list[Diagnostic], int]:
    """Check the repository, or only ``paths`` (files and folders a person named). With paths,
    the records the chosen ones relate to are read as context, so references resolve, and only
    findings in the chosen files are reported. Returns (findings, files checked).
    ``progress(done, total)`` hears how many files are read."""
    from .subset import check_subset

    # the facts of a large archive are hundreds of thousands of long-lived objects: keep the
    # cycle collector off them until the findings are made (see io.pool.tune_collector)
    with pool.fewer_collections():
        if paths:
            selected = collect(repo, Scope.paths(paths), jobs=jobs, progress=progress)
            return check_subset(repo, selected), selected.files
        selected = collect(repo, Scope.everything(), jobs=jobs, progress=progress)
        facts = selected.facts
        unloaded = ids_of_unloaded(repo.root, selected.diagnostics, facts)
        found = set(selected.diagnostics) | set(repository_findings(AllFacts(facts, unloaded), Locator(repo.root)))
        return sorted(found), selected.files


__all__ = ["AllFacts", "Collected", "Locator", "check_repository", "collect", "ids_of_unloaded",
           "repository_findings"]
