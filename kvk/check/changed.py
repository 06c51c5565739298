"""``kvk check --changed``: check only what a branch touched, and whatever that can break.

A change to one record can break another: renumbering a case leaves the meeting that lists it
pointing at nothing; dropping a case from an agenda strands the case whose saksgang names the
meeting. So besides the changed files, kvk checks the records related to them:

* the records they point at, now *and at REF*: the cases on a changed meeting's agenda and the
  meetings in a changed case's saksgang. In a consistent repository these are also the records
  that point back at them, so a renumbered case reaches the meeting that listed it, and a case
  dropped from an agenda is checked against the meeting;
* the records whose text names a changed id, found with ``git grep`` without loading anything:
  meetings listing a changed saksnr, cases of the same year naming a changed meeting's date,
  records naming a removed indicator. Only these few files are loaded, and they count as
  related only if they really refer to a changed record;
* the rivals of the changed records (a file claiming the same id, a case giving the same
  utvalgssaksnr), which the subset check finds in its index (:mod:`.subset`).

The organisation is always loaded; indicator files only when a checked record refers to an
indicator. A change to kvk.yaml or to the organisation can affect every record: then everything
is checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .. import layout
from ..diagnostics import Diagnostic, KvkError
from ..i18n import _
from ..io.git import FileChange, Git
from ..models.common import date_spellings, saksnr_spellings
from ..models.references import CASE, INDICATOR, MEETING
from ..repository import Repository, Scope
from ..review.semdiff import diff_models
from ..review.versions import Version, VersionError, load_now, load_version, minutes_alerts, record_file_changes, scope
from .engine import Collected, Facts, check_repository, collect
from .subset import check_subset, neighbours, record_files_in


def affects_everything(path: str) -> bool:
    """A change to kvk.yaml or to the organisation (its file or any file of its folder) can
    affect any record: then everything is checked."""
    return path == layout.CONFIG_FILE or layout.is_organisation(path)


@dataclass
class ChangedResult:
    findings: list[Diagnostic]
    files: int  # record files checked
    changed: int  # record files changed since the base
    full: bool = False  # fell back to checking the whole repository
    related: list[str] = field(default_factory=list)  # records checked because they are related


def check_changed(repo: Repository, git: Git, base: str, base_label: str,
                  paths: list[str] | None = None, jobs: int | None = None) -> ChangedResult:
    where = scope(repo, paths)
    all_changes = git.changes(base, where + [layout.CONFIG_FILE, layout.ORGANISATION_FILE,
                                             layout.ORGANISATION_FOLDER])
    file_changes = record_file_changes(all_changes)
    touched = {p for c in all_changes for p in (c.old, c.new) if p}
    if any(affects_everything(p) for p in touched):
        findings, files = check_repository(repo, [repo.root / w for w in where] if paths else None, jobs=jobs)
        return ChangedResult(findings, files, len(file_changes), full=True)

    now = [c.new for c in file_changes if c.new and (repo.root / c.new).exists()]
    selected = _collect(repo, now, jobs)
    before = _versions_at(git, base, file_changes)

    ids = _ids(selected.facts, [c.old for c in file_changes if c.old])
    ids.removed_refs |= _removed_indicators(repo, git, before)
    changed_now = set(now)
    folders = layout.Folders(repo.root)
    found, index = _mentioning(repo, git, ids, changed_now, jobs)
    hits = [h for h in found if h not in changed_now and layout.kind_of(h) is not None]
    pointed = neighbours(repo.root, selected.facts, folders) | _pointed_at(repo.root, before.values(), folders)
    pointed = {p for p in pointed if p not in changed_now and (repo.root / p).is_file()}
    # what the index parsed from the files as they are now is not parsed again; one pass
    # over the rest (each collect() reads the organisation again)
    wanted = set(hits) | pointed
    known = {f.path: f for f in index.facts if f.path in wanted and f.path not in index.unread}
    loaded = _collect(repo, sorted(wanted - set(known)), jobs)
    loaded.facts += known.values()
    loaded.diagnostics += [d for d in index.diagnostics if d.path in known]
    referrers = [f for f in loaded.facts if f.path in pointed or _refers_to(f, ids)]
    related = {f.path for f in referrers}
    candidates = Collected(facts=[f for f in loaded.facts if f.path not in related])

    checked = Collected(
        facts=selected.facts + referrers,
        # related records are checked, not just context: their own findings count too (a
        # related file that does not load is reported only when the record points at it)
        diagnostics=selected.diagnostics + [d for d in loaded.diagnostics if d.path in related | pointed],
        paths=selected.paths + sorted(related | pointed))
    context = candidates.facts
    context += _indicator_context(repo, git, checked.facts + context)
    findings = check_subset(repo, checked, context, indicators=False, jobs=jobs)
    conflicts = _conflicts(repo, now)
    # a conflicted file's other findings only repeat that it is not YAML
    findings = [f for f in findings if f.path not in {d.path for d in conflicts}] + conflicts
    findings += _minutes_findings(repo, base_label, file_changes, before)
    return ChangedResult(sorted(set(findings)), checked.files, len(file_changes),
                         related=sorted(related | pointed))


def _collect(repo: Repository, rels: list[str], jobs: int | None = None) -> Collected:
    # worker processes only for many files (the pool decides)
    return collect(repo, Scope.files(rels), jobs=jobs) if rels else Collected()


# --- the earlier versions -------------------------------------------------------------------


def _versions_at(git: Git, base: str, file_changes: list[FileChange]) -> dict[str, Version | VersionError]:
    """The changed records as they were at the base (by their old path), or why they do not load."""
    old_paths = [c.old for c in file_changes if c.old]
    out: dict[str, Version | VersionError] = {}
    for path, raw in git.show_many(base, old_paths).items():
        if raw is None:
            continue
        try:
            out[path] = load_version(raw, path)
        except VersionError as err:
            out[path] = err
    return out


def _pointed_at(root, versions, folders: layout.Folders) -> set[str]:
    """What the earlier versions pointed at: the cases on a meeting's agenda, the meetings in a
    case's saksgang."""
    wanted: set[str] = set()
    for v in versions:
        if isinstance(v, VersionError):
            continue
        if v.kind == layout.MOETE:
            wanted.update(path for p in v.model.saker if p.sak for path in layout.case_files(root, p.sak, folders))
        elif v.kind == layout.SAK:
            wanted.update(layout.meeting_path(layout.meeting_id(g.moetedato.isoformat(), g.utvalg))
                          for g in v.model.saksgang if g.moetedato)
    return wanted


# --- what to look for -----------------------------------------------------------------------


@dataclass
class Ids:
    cases: set[str] = field(default_factory=set)  # saksnr of changed cases, now and at the base
    meetings: set[str] = field(default_factory=set)  # meeting ids, now and at the base
    utvalgssaksnr: set[str] = field(default_factory=set)  # numbers a changed case claims
    removed_refs: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) no longer defined


def _ids(facts: list[Facts], old_paths: list[str]) -> Ids:
    ids = Ids()
    for f in facts:
        for kind, ident, _ in f.defines:
            if kind == CASE:
                ids.cases.add(ident)
            elif kind == MEETING:
                ids.meetings.add(ident)
        ids.utvalgssaksnr.update(number for _, _, number, _ in f.saksgang if number)
    # the ids at the base are read from the file names: a record lives where its id says (KVK204)
    for path in old_paths:
        ident = layout.id_of(path)
        if ident is not None:
            (ids.cases if layout.kind_of(path) == layout.SAK else ids.meetings).add(ident)
    return ids


def _mentioning(repo: Repository, git: Git, ids: Ids, changed: set[str],
                jobs: int | None) -> tuple[list[str], Collected]:
    """The records that refer to a changed one, from the index of the folders concerned
    (agendas name cases from any year; saksgang is looked for in the cases of the years
    concerned): a meeting or case unchanged since its facts were kept is not read, one without
    them is parsed only if its text names a changed saksnr or meeting date. Records naming a
    removed indicator are found with git grep (rare, and they may be anywhere). Returns them
    and the index read."""
    words = [w for s in ids.cases for w in saksnr_spellings(s)]
    words += [w for m in ids.meetings for w in date_spellings(m[:10])]  # a duplicate meeting
    years = {s.split("/")[0] for s in ids.cases} | {m[:4] for m in ids.meetings}
    # the cases of those years but the changed ones (read already, and each names itself)
    listed = layout.Folders(repo.root)
    targets = [layout.MEETINGS] if (repo.root / layout.MEETINGS).is_dir() else []
    targets += [rel for y in sorted(years) for rel in record_files_in(repo.root, layout.case_folder(y), listed)
                if rel not in changed]
    found: list[str] = []
    index = Collected()
    if words and targets:
        # a folder among the targets is walked, a file is read as it is
        index = collect(repo, Scope.files(targets).containing(*words).as_index(), jobs=jobs)
        found += [f.path for f in index.facts if f.path not in changed and _refers_to(f, ids)]
        found += [d.path for d in index.diagnostics if d.is_error]  # may refer to anything
    removed = [ident for _, ident in ids.removed_refs]
    if removed:
        found += git.grep(removed, [layout.DATA])
    return sorted(set(found)), index


def _refers_to(f: Facts, ids: Ids) -> bool:
    if any(kind == CASE and ident in ids.cases for kind, ident, _ in f.refers):
        return True
    if any(f"{day}-{body}" in ids.meetings for body, day, _, _ in f.saksgang if day):
        return True
    return any((kind, ident) in ids.removed_refs for kind, ident, _ in f.refers)


def _removed_indicators(repo: Repository, git: Git, before: dict) -> set[tuple[str, str]]:
    """Indicator ids defined at the base in a changed indicator file and defined nowhere now."""
    old = {i.id for v in before.values() if isinstance(v, Version) and v.kind == "indikatorer"
           for i in v.model.indikatorer}
    if not old:
        return set()
    files = git.grep(sorted(old), [layout.INDICATORS])
    now = {ident for f in _collect(repo, files).facts for kind, ident, _ in f.defines if kind == INDICATOR}
    return {(INDICATOR, i) for i in old - now}


def _indicator_context(repo: Repository, git: Git, facts: list[Facts]) -> list[Facts]:
    """The indicator files defining the indicators these records refer to or define (a
    duplicate definition elsewhere is an error), found by name instead of loading all of them."""
    wanted = {ident for f in facts for kind, ident, _ in [*f.refers, *f.defines] if kind == INDICATOR}
    if not wanted or not (repo.root / layout.INDICATORS).is_dir():
        return []
    have = {f.path for f in facts}
    files = [p for p in git.grep(sorted(wanted), [layout.INDICATORS]) if p not in have]
    return _collect(repo, files).facts


# --- conflicts and approved minutes ---------------------------------------------------------


def _conflicts(repo: Repository, paths: list[str]) -> list[Diagnostic]:
    found = []
    for path in paths:
        try:
            lines = (repo.root / path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for n, line in enumerate(lines, 1):
            if line.startswith("<<<<<<< "):
                found.append(Diagnostic.make("KVK504", path, n, 1,
                                             _("unresolved merge conflict: {path} still holds git's conflict "
                                               "markers").format(path=path)))
                break
    return found


def _minutes_findings(repo: Repository, base_label: str, file_changes: list[FileChange],
                      before: dict) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for c in file_changes:
        old = before.get(c.old) if c.old else None
        if old is None or layout.kind_of(c.old) != layout.MOETE:
            continue
        if isinstance(old, VersionError):
            d = old.diagnostic
            found.append(Diagnostic.make(
                "KVK503", c.new or c.old, 0, 0,
                _("{path} does not load at {base} ({code} {message}); whether its minutes were approved there "
                  "is unknown").format(path=c.old, base=base_label, code=d.code, message=d.message)))
            continue
        if old.model.protokollstatus is None or old.model.protokollstatus.status != "godkjent":
            continue
        new = None
        if c.new:
            try:
                new = load_now(repo, c.new)
            except KvkError:
                continue  # does not load now: the check already says why
        changes = diff_models(old.model, new.model) if new else []
        found += minutes_alerts(old, new, changes, base_label)
    return found
