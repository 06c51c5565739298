"""Checking chosen records (``kvk check PATH…``, ``--changed``): the chosen ones, with the records
they relate to read as context, so references resolve and clashes are seen; only findings in the
chosen files are reported."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .. import layout
from ..diagnostics import Diagnostic
from ..models.references import CASE
from ..repository import Repository, Scope
from .engine import AllFacts, Collected, Locator, collect, ids_of_unloaded, repository_findings
from .facts import Facts
from .rules.agenda import number


def check_subset(repo: Repository, selected: Collected, extra: list[Facts] = (), *,
                 indicators: bool = True) -> list[Diagnostic]:
    """Findings in the ``selected`` records, with the records they point at, the organisation,
    the indicator files (unless ``indicators`` is false: the caller put the ones that matter in
    ``extra``) and the ``extra`` facts (already collected) as context."""
    chosen = set(selected.paths) | {d.path for d in selected.diagnostics}
    have = chosen | {f.path for f in selected.facts} | {f.path for f in extra}
    wanted = sorted(p for p in neighbours(repo.root, selected.facts) | rivals(repo.root, selected.facts)
                    if p not in have)
    if indicators and layout.INDICATORS not in have:
        wanted.append(layout.INDICATORS)
    context = collect(repo, Scope.files(wanted), jobs=1) if wanted else Collected()
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


def neighbours(root: Path, facts: list[Facts]) -> set[str]:
    """Paths of the records these records point at: cases on agendas, meetings in saksgang."""
    wanted: set[str] = set()
    for f in facts:
        for kind, ident, _ in f.refers:
            if kind == CASE:
                wanted.update(layout.case_files(root, ident))
        for _, ident, _ in f.items:  # cases on the agenda the organisation does not resolve
            wanted.update(layout.case_files(root, ident))
        wanted.update(layout.meeting_path(layout.meeting_id(day, body)) for body, day, *_ in f.saksgang if day)
    return {p for p in wanted if os.path.lexists(Path(root) / p)}


def rivals(root: Path, facts: list[Facts]) -> set[str]:
    """Files that could clash with these records: another file for the same saksnr (as when two
    branches each create "the next" case, each with its own title slug) and cases giving the
    same utvalgssaksnr. Found by file name and by one byte search per year folder, so checking
    a few changed files reads the folders concerned once, not once per file. (A meeting's file
    name is its id, so two files cannot claim one meeting without one of them failing KVK204.)"""
    wanted: set[str] = set()
    numbers: dict[int, set[tuple[int, int]]] = {}  # folder year -> (sequence, year) to look for
    for f in facts:
        if f.kind != layout.SAK:
            continue
        wanted.update(layout.case_files(root, f.ident))
        for _, _, given, _ in f.saksgang:
            parts = number(given)
            if parts is not None:
                seq, year = parts
                for y in (year - 1, year):  # a case is mostly treated the year it was opened or the next
                    numbers.setdefault(y, set()).add((seq, year))
    for y, wanted_numbers in numbers.items():
        folder = Path(root) / layout.case_folder(y)
        if not folder.is_dir():
            continue
        pattern = re.compile(rb"\b(?:" + b"|".join(
            rb"%d/(?:%02d|%d)" % (seq, year % 100, year) for seq, year in sorted(wanted_numbers)) + rb")\b")
        for name in sorted(os.listdir(folder)):
            if name.endswith((".yaml", ".yml")):
                try:
                    if pattern.search((folder / name).read_bytes()):
                        wanted.add(f"{layout.case_folder(y)}/{name}")
                except OSError:
                    continue  # the loader will say what is wrong with it
    return wanted
