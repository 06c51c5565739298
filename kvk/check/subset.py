"""Checking chosen records (``kvk check PATH…``, ``--changed``): the chosen ones, with the records
they relate to read as context, so references resolve and clashes are seen; only findings in the
chosen files are reported.

What a chosen record relates to is found without reading folders record by record:

* the records it points at (the cases on a meeting's agenda, the meetings in a case's saksgang)
  by their file names, each folder listed once (:class:`kvk.layout.Folders`);
* its *rivals* (another file claiming its saksnr or meeting id, a case giving the same
  utvalgssaksnr in the same body) and the indicator files defining what it refers to, from
  the facts of the folders concerned, read as an index (:meth:`kvk.repository.Scope.as_index`):
  each folder once, however many records ask, and from the cache where a file is unchanged
  since its facts were kept. Where nothing is cached, only files whose text names one of the
  ids are parsed.

The rivals and definitions found are then read like the chosen records (their content hashed),
so every finding rests on the files as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import layout
from ..diagnostics import Diagnostic
from ..models.common import date_spellings, saksnr_spellings
from ..models.references import CASE, INDICATOR
from ..repository import Repository, Scope
from .engine import AllFacts, Collected, Locator, collect, ids_of_unloaded, repository_findings
from .facts import Facts
from .rules.agenda import number


def check_subset(repo: Repository, selected: Collected, extra: list[Facts] = (), *,
                 indicators: bool = True, jobs: int | None = None) -> list[Diagnostic]:
    """Findings in the ``selected`` records, with the records they point at, the organisation,
    their rivals, the indicator files defining the indicators they refer to (unless
    ``indicators`` is false: the caller put the ones that matter in ``extra``) and the
    ``extra`` facts (already collected) as context."""
    chosen = set(selected.paths) | {d.path for d in selected.diagnostics}
    have = chosen | {f.path for f in selected.facts} | {f.path for f in extra}
    folders = layout.Folders(repo.root)
    wanted = neighbours(repo.root, selected.facts, folders)
    wanted |= related(repo, selected.facts, have, folders, indicators=indicators)
    wanted = sorted(p for p in wanted if p not in have)
    context = collect(repo, Scope.files(wanted), jobs=jobs) if wanted else Collected()
    facts = list(selected.facts)
    known = {f.path for f in facts}
    for f in (*extra, *context.facts):  # a file may come both ways: its facts count once
        if f.path not in known:
            known.add(f.path)
            facts.append(f)
    unloaded = ids_of_unloaded(repo.root, [*selected.diagnostics, *context.diagnostics], facts)
    found = set(selected.diagnostics) | {d for d in repository_findings(AllFacts(facts, unloaded), Locator(repo.root))
                                         if d.path in chosen}
    return sorted(found)


def neighbours(root: Path, facts: list[Facts], folders: layout.Folders | None = None) -> set[str]:
    """Paths of the records these records point at: cases on agendas, meetings in saksgang."""
    folders = folders or layout.Folders(root)
    wanted: set[str] = set()
    for f in facts:
        for kind, ident, _ in f.refers:
            if kind == CASE:
                wanted.update(layout.case_files(root, ident, folders))
        for _, ident, _ in f.items:  # cases on the agenda the organisation does not resolve
            wanted.update(layout.case_files(root, ident, folders))
        wanted.update(layout.meeting_path(layout.meeting_id(day, body)) for body, day, *_ in f.saksgang if day)
    return {p for p in wanted if os.path.lexists(Path(root) / p)}


def related(repo: Repository, facts: list[Facts], have: set[str], folders: layout.Folders, *,
            indicators: bool = True) -> set[str]:
    """Files that could clash with these records or that define what they refer to, found in
    the facts of the folders concerned (see the module's docstring):

    * another file claiming the same saksnr or meeting id (two branches each created "the next"
      case, each with its own title slug), looked for in the record's own year folder;
    * cases giving the same utvalgssaksnr in the same body, in the folders of the number's year
      and the year before (a case is mostly treated the year it was opened or the next);
    * with ``indicators``: the indicator files defining an indicator these records refer to or
      define (a second definition is a clash)."""
    idents: set[tuple[str, str]] = set()  # (kind, id) of the records themselves
    numbers: set[tuple[str, int, int]] = set()  # (body, sequence, year)
    # per kind of folder: the folders, and what a file there must say to matter where nothing
    # is cached (as a whole id; or as a number, '45/09' in 'PS45/09' and as '045/09', in a file
    # that also names the body giving it: every body gives 45/09 in 2009)
    searched: dict[str, tuple[set[str], set[str], set[tuple[str, str]]]] = {
        kind: (set(), set(), set()) for kind in (layout.SAK, layout.MOETE, layout.INDIKATORER)}
    for f in facts:
        if f.kind == layout.SAK and f.ident:
            idents.add((f.kind, f.ident))
            folders_, words, spelt = searched[layout.SAK]
            folders_.add(layout.case_folder(f.ident.split("/")[0]))
            words.update(saksnr_spellings(f.ident))
            for body, _, given, _ in f.saksgang:
                parts = number(given)
                if parts is not None:
                    seq, year = parts
                    numbers.add((body, seq, year))
                    folders_.update(layout.case_folder(y) for y in (year - 1, year))
                    spelt.update((f"{seq:0{width}d}/{y}", body) for width in range(1, 5)
                                 for y in (f"{year % 100:02d}", str(year)))
        elif f.kind == layout.MOETE and f.ident:
            idents.add((f.kind, f.ident))
            folders_, words, _ = searched[layout.MOETE]
            folders_.add(layout.meeting_path(f.ident).rsplit("/", 1)[0])
            if f.moete and f.moete[1]:
                words.update(date_spellings(f.moete[1]))
    wanted_indicators = {ident for f in facts for kind, ident, _ in (*f.refers, *f.defines) if kind == INDICATOR}
    if indicators and wanted_indicators:
        folders_, words, _ = searched[layout.INDIKATORER]
        folders_.add(layout.INDICATORS)
        words.update(wanted_indicators)
    index = Collected()
    for kind, (folders_, words, spelt) in searched.items():
        candidates = [rel for folder in sorted(folders_) for rel in record_files_in(repo.root, folder, folders)
                      if rel not in have]
        if candidates:
            scope = Scope.files(candidates).containing(*sorted(words)).containing_pairs(sorted(spelt))
            part = collect(repo, scope.as_index())
            index.facts += part.facts
            index.diagnostics += part.diagnostics
    found: set[str] = set()
    for f in index.facts:
        if f.path in have:
            continue
        if (f.kind, f.ident) in idents:
            found.add(f.path)
        elif f.kind == layout.SAK and any((body, *parts) in numbers for body, _, given, _ in f.saksgang
                                          if (parts := number(given)) is not None):
            found.add(f.path)
        elif f.kind == layout.INDIKATORER and any(kind == INDICATOR and ident in wanted_indicators
                                                  for kind, ident, _ in f.defines):
            found.add(f.path)
    # a file in the index that does not load may claim anything: read it with the rest
    found.update(d.path for d in index.diagnostics if d.is_error and d.path not in have)
    return found


def record_files_in(root: Path, folder: str, folders: layout.Folders) -> list[str]:
    """The record files directly in ``folder`` (indicator folders: at any depth)."""
    if folder == layout.INDICATORS:
        return [rel for rel, kind in layout.walk(root, [folder], []) if kind is not None]
    return [f"{folder}/{n}" for n in folders.names(folder) if n.endswith((".yaml", ".yml"))]

