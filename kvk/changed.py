"""``kvk check --changed``: check only what a branch touched, and whatever that can break.

A change to one record can break another: renumbering a case leaves the meeting that lists it
pointing at nothing; moving a meeting strands the cases whose saksgang names it. So besides the
changed files, kvk checks

* the records they point at (the cases on a changed meeting's agenda, the meetings in a changed
  case's saksgang), and
* the records that point at them, at their id now or at REF.

Finding the second kind must not mean loading all 20,000 files: ``git grep`` finds the few files
whose *text* mentions a changed id (a saksnr, a meeting date in either spelling, a removed
person), and only those are loaded and asked whether they really refer to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .checks import CASE, INDICATOR, MEETING, Collected, Facts, _neighbours, check_subset, collect
from .diagnostics import Diagnostic, KvkError
from .gitrepo import Git
from .repository import Repository, record_kind
from .review import (VersionError, id_from_path, load_now, load_version, minutes_alerts,
                     record_file_changes, scope)
from .semdiff import diff_models

#: a change to one of these can affect any record: check everything
GLOBAL_FILES = ("kvk.yaml", "data/organisasjon.yaml")


@dataclass
class ChangedResult:
    findings: list[Diagnostic]
    files: int  # record files checked
    changed: int  # record files changed since the base
    full: bool = False  # fell back to checking the whole repository
    related: list[str] = field(default_factory=list)  # records checked because they are related


def check_changed(repo: Repository, git: Git, base: str, base_label: str,
                  paths: list[str] | None = None, jobs: int | None = None) -> ChangedResult:
    from .checks import check_repository

    where = scope(repo, paths)
    file_changes = record_file_changes(git, base, where)
    touched = {p for c in file_changes for p in (c.old, c.new) if p}
    if any(name in touched for name in GLOBAL_FILES) or _config_changed(git, base):
        findings, files = check_repository(repo, [repo.root / w for w in where] if paths else None, jobs=jobs)
        return ChangedResult(findings, files, len(file_changes), full=True)

    now = [c.new for c in file_changes if c.new and (repo.root / c.new).exists()]
    selected = _collect(repo, now)

    ids = _ids(selected.facts, [c.old for c in file_changes if c.old])
    ids.removed_refs |= _removed_indicators(git, base, repo, file_changes)
    hits = [h for h in git.grep(_patterns(ids), ["data"]) if h not in set(now)
            and record_kind(h) is not None]
    candidates = _collect(repo, hits, jobs)
    referrers = [f for f in candidates.facts if _refers_to(f, ids)]

    have = {f.path for f in selected.facts} | {f.path for f in referrers}
    pointed = sorted(p for p in _neighbours(selected.facts) if p not in have and (repo.root / p).is_file())
    neighbours = _collect(repo, pointed)
    related = {f.path for f in referrers} | {f.path for f in neighbours.facts}

    checked = Collected(
        facts=selected.facts + referrers + neighbours.facts,
        # per-record findings of the related records count too: they are checked, not context
        diagnostics=selected.diagnostics + neighbours.diagnostics
        + [d for d in candidates.diagnostics if d.path in related],
        files=selected.files + len(referrers) + neighbours.files)
    context = [f for f in candidates.facts if f.path not in have]
    findings = check_subset(repo, checked, context)
    conflicts = _conflicts(repo, now)
    # a conflicted file's other findings only repeat that it is not YAML
    findings = [f for f in findings if f.path not in {d.path for d in conflicts}] + conflicts
    findings += _minutes_findings(repo, git, base, base_label, file_changes)
    return ChangedResult(sorted(set(findings)), checked.files, len(file_changes), related=sorted(related))


def _collect(repo: Repository, rels: list[str], jobs: int | None = 1) -> Collected:
    return collect(repo, [repo.root / p for p in rels], jobs=jobs) if rels else Collected()


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
                                             f"unresolved merge conflict: {path} still holds git's conflict markers"))
                break
    return found


def _config_changed(git: Git, base: str) -> bool:
    return any(c.new == "kvk.yaml" or c.old == "kvk.yaml" for c in git.changes(base, ["kvk.yaml"]))


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
        ident = id_from_path(path)
        if ident is None:
            continue
        (ids.cases if record_kind(path) == "sak" else ids.meetings).add(ident)
    return ids


def _patterns(ids: Ids) -> list[str]:
    """Extended regular expressions matching the text of any file that may refer to the ids."""
    out = []
    for saksnr in ids.cases:
        year, seq = saksnr.split("/")
        out.append(rf"(^|[^0-9]){year}/0*{seq}([^0-9]|$)")
    for meeting in ids.meetings:
        y, m, d = meeting[:10].split("-")
        # a saksgang names a meeting by its date, written either way
        out.append(rf"{y}-{m}-{d}|(^|[^0-9])0?{int(d)}\.0?{int(m)}\.{y}")
    for number in ids.utvalgssaksnr:
        out.append(re.escape(number.split(" ")[-1]))
    for _, ident in ids.removed_refs:
        # ids are slugs ([a-z0-9_-]), so they need no escaping
        out.append(rf"(^|[^a-z0-9_-]){ident}([^a-z0-9_-]|$)")
    return out


def _refers_to(f: Facts, ids: Ids) -> bool:
    if any(kind == CASE and ident in ids.cases for kind, ident, _ in f.refers):
        return True
    if any(f"{day}-{body}" in ids.meetings for body, day, _, _ in f.saksgang if day):
        return True
    return any((kind, ident) in ids.removed_refs for kind, ident, _ in f.refers)


def _removed_indicators(git: Git, base: str, repo: Repository, file_changes) -> set[tuple[str, str]]:
    """Indicator ids defined at the base in a changed indicator file and defined nowhere now."""
    changed = [c for c in file_changes if c.old and record_kind(c.old) == "indikatorer"]
    if not changed:
        return set()
    before: set[str] = set()
    for c in changed:
        raw = git.show(base, c.old)
        try:
            version = load_version(raw, c.old) if raw is not None else None
        except VersionError:
            continue
        if version is not None:
            before |= {i.id for i in version.model.indikatorer}
    now: set[str] = set()
    folder = repo.root / "data" / "indikatorer"
    if folder.is_dir():
        for f in collect(repo, [folder], jobs=1).facts:
            now |= {ident for kind, ident, _ in f.defines if kind == INDICATOR}
    return {(INDICATOR, i) for i in before - now}


# --- approved minutes -----------------------------------------------------------------------


def _minutes_findings(repo: Repository, git: Git, base: str, base_label: str,
                      file_changes) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for c in file_changes:
        if not c.old or record_kind(c.old) != "moete":
            continue
        raw = git.show(base, c.old)
        if raw is None:
            continue
        try:
            old = load_version(raw, c.old)
        except VersionError as err:
            d = err.diagnostic
            found.append(Diagnostic.make(
                "KVK503", c.new or c.old, 0, 0,
                f"{c.old} does not load at {base_label} ({d.code} {d.message}); "
                f"whether its minutes were approved there is unknown"))
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
