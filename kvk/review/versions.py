"""Records compared across git versions: what changed since a revision, and one record's history.
(:mod:`.report` puts the results into words.)

This is the layer between :mod:`kvk.io.git` (files and commits) and :mod:`.semdiff` (two
versions of one record): it loads each version of each changed record file, pairs moved files
up as renames, and applies the one rule that needs history, that approved minutes are never
changed without a recorded correction (``rettelser``).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .. import layout
from ..diagnostics import CODES, BrokenRecords, Diagnostic, RecordError, UsageError
from ..i18n import _, ngettext
from ..io.git import Commit, FileChange, Git
from ..repository import Broken, Repository, Scope, record_from_bytes
from .public import describe_public
from .semdiff import FieldChange, Names, describe, diff_models, plain

#: below this similarity (0..1) an unstaged move is shown as a removal and an addition
RENAME_SIMILARITY = 0.5


@dataclass
class Version:
    """One version of one record file: from the working tree or from a commit."""

    path: str
    kind: str
    model: Any
    source: Any  # loader.Source, for line numbers
    text: str = ""

    @property
    def ident(self) -> str:
        return record_id(self.kind, self.model, self.path)


@dataclass
class RecordChange:
    status: str  # added | removed | changed | renamed
    kind: str
    old: Version | None
    new: Version | None
    label: str  # "Sak 2009/17", "Møte Styringsgruppa 2009-10-30"
    old_label: str
    changes: list[FieldChange] = field(default_factory=list)
    alerts: list[Diagnostic] = field(default_factory=list)  # approved minutes touched

    @property
    def path(self) -> str:
        return (self.new or self.old).path  # type: ignore[union-attr]

    def to_json(self) -> dict:
        return {
            "status": self.status, "kind": self.kind, "record": self.label,
            "old_record": self.old_label if self.old_label != self.label else None,
            "old_path": self.old.path if self.old else None,
            "path": self.new.path if self.new else None,
            "changes": [c.to_json() for c in self.changes],
            "alerts": [a.to_json() for a in self.alerts],
        }


@dataclass
class Comparison:
    base: str  # sha
    base_label: str  # "main (1a2b3c4)"
    records: list[RecordChange]


# --- identity and names ---------------------------------------------------------------------


def record_id(kind: str, model: Any, path: str) -> str:
    if kind == "sak":
        return model.saksnr
    if kind == "moete":
        return model.id
    return path


def record_label(kind: str, model: Any, path: str, names: Names) -> str:
    if kind == "sak":
        return f"Sak {model.saksnr}"
    if kind == "moete":
        return f"Møte {names('body', model.utvalg)} {model.moetedato.isoformat()}"
    if kind == "indikatorer":
        return f"Indikatorer {PurePosixPath(path).stem}"
    return "Organisasjonen"


def name_lookup(repo: Repository) -> Names:
    """Names of bodies and people from the working tree's organisation, falling back to ids: a
    diff must not fail because the organisation is being edited (a file that does not load is
    passed over)."""
    directory = repo.load(Scope.organisation(), on_broken=Broken.SKIP, jobs=1).directory
    table: dict[tuple[str, str], str] = {}
    table.update({("person", pid): p.navn for pid, p in directory.people.items()})
    table.update({("body", bid): b.navn for bid, b in directory.bodies.items()})
    return lambda kind, ident: table.get((kind, ident), ident)


# --- loading versions -----------------------------------------------------------------------


class VersionError(Exception):
    """A version of a record that cannot be loaded; ``diagnostic`` says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def load_version(raw: bytes, path: str) -> Version:
    """Load record bytes (from git or disk); raise :class:`VersionError` when they are not a
    valid record."""
    try:
        record = record_from_bytes(raw, path)
    except RecordError as err:
        raise VersionError(err.diagnostic) from None
    return Version(path, record.kind, record.model, record.source, record.source.text)


def load_at(git: Git, rev: str, path: str, rev_label: str) -> Version | None:
    """The record at ``path`` in commit ``rev``; None when the file did not exist there. A file
    that exists but does not load is a one-line BrokenRecords naming the revision."""
    return _load_raw(git.show(rev, path), path, rev_label)


def _load_raw(raw: bytes | None, path: str, rev_label: str) -> Version | None:
    if raw is None:
        return None
    try:
        return load_version(raw, path)
    except VersionError as err:
        raise BrokenRecords([err.diagnostic]).with_message(broken_message(err.diagnostic, rev_label)) from None


def load_now(repo: Repository, path: str) -> Version | None:
    """The record at ``path`` in the working tree, None when there is none."""
    try:
        record = repo.read(path)
    except BrokenRecords as err:
        raise err.with_message(broken_message(err.diagnostics[0], None)) from None
    if record is None:
        return None
    return Version(path, record.kind, record.model, record.source, record.source.text)


def broken_message(d: Diagnostic, rev_label: str | None) -> str:
    where = f"{d.path}:{d.line}:{d.col or 1}" if d.line else d.path
    if rev_label is None:
        return f"{where}: {d.code} {d.message} (the working tree version; run 'kvk check {d.path}')"
    return (f"{where} at {rev_label}: KVK503 the file does not load there: {d.code} {d.message}")


# --- approved minutes -----------------------------------------------------------------------


def minutes_alerts(old: Version | None, new: Version | None, changes: list[FieldChange],
                   rev_label: str) -> list[Diagnostic]:
    """Approved minutes (godkjent at the earlier version) may change only with a recorded
    correction: a new ``rettelser`` entry; existing entries are never touched."""
    if old is None or old.kind != "moete":
        return []
    status = old.model.protokollstatus
    if status is None or status.status != "godkjent":
        return []
    approved = _("approved {date}").format(date=status.dato.isoformat()) if status.dato else _("approved")
    if new is None:
        return [Diagnostic.make("KVK501", old.path, 0, 0,
                                _("the minutes of {meeting} were {approved} at {base} and are deleted").format(
                                    meeting=old.model.id, approved=approved, base=rev_label),
                                hint=_("restore them: {command}").format(
                                    command=f"git checkout {rev_label.split(' ')[0]} -- {old.path}"))]
    alerts: list[Diagnostic] = []
    old_entries = [plain(r) for r in old.model.rettelser]
    new_entries = [plain(r) for r in new.model.rettelser]
    if new_entries[:len(old_entries)] != old_entries:
        line, col = new.source.locate(("rettelser",))
        alerts.append(Diagnostic.make("KVK502", new.path, line, col,
                                      _("a rettelser entry from the approved minutes was removed or altered")))
    content = [c for c in changes if not c.loc or c.loc[0] != "rettelser"]
    if content and len(new_entries) <= len(old_entries):
        first = content[0]
        line, col = new.source.locate(first.loc) if first.loc else (0, 0)
        more = (ngettext(" and {n} more change", " and {n} more changes", len(content) - 1).format(n=len(content) - 1)
                if len(content) > 1 else "")
        alerts.append(Diagnostic.make(
            "KVK500", new.path, line, col,
            _("minutes {approved} changed since {base} without a rettelser entry: {change}{more}").format(
                approved=approved, base=rev_label, change=describe_public(first, old.model, new.model),
                more=more)))  # an annotation is public
    return alerts


# --- comparing a revision with the working tree ---------------------------------------------


def scope(repo: Repository, paths: list[str] | None) -> list[str]:
    """User-given paths (relative to the current folder) as paths relative to the root."""
    if not paths:
        return ["data"]
    out = []
    for p in paths:
        absolute = Path(os.path.abspath(p))  # normalised, links not resolved
        try:
            out.append(absolute.relative_to(repo.root).as_posix() or ".")
        except ValueError:
            raise UsageError(f"{p} is outside the repository {repo.root}") from None
    return out


def record_file_changes(changes: list[FileChange]) -> list[FileChange]:
    """The changes that concern record files: other files (kvk.yaml, templates) are left out,
    and a record moved out of (or into) a record folder is a removal (or an addition)."""
    def is_record(p: str | None) -> bool:
        return p is not None and layout.kind_of(p) is not None

    found = []
    for c in changes:
        if c.status == "R" and not (is_record(c.old) and is_record(c.new)):
            found += [FileChange("D", c.old, None)] if is_record(c.old) else []
            found += [FileChange("A", None, c.new)] if is_record(c.new) else []
        elif is_record(c.old) or is_record(c.new):
            found.append(c)
    return found


def compare(repo: Repository, git: Git, base: str, base_label: str,
            paths: list[str] | None = None, progress=None) -> Comparison:
    """Every record added, removed, changed or renamed between ``base`` and the working tree.
    ``progress(done, total)`` hears how many changed files are compared."""
    names = name_lookup(repo)
    out: list[RecordChange] = []
    removed: list[Version] = []
    added: list[Version] = []
    changes = record_file_changes(git.changes(base, scope(repo, paths)))
    earlier = git.show_many(base, [c.old for c in changes if c.old])
    for done, c in enumerate(changes, 1):
        if progress is not None and done % 32 == 0:
            progress(done, len(changes))
        old = _load_raw(earlier.get(c.old), c.old, base_label) if c.old else None
        new = load_now(repo, c.new) if c.new else None
        if old is None and new is None:
            continue
        if old is not None and new is None:
            removed.append(old)
        elif new is not None and old is None:
            added.append(new)
        else:
            out.append(build_change(old, new, names, base_label))
    pairs, removed, added = pair_moves(removed, added)
    out += [build_change(o, n, names, base_label) for o, n in pairs]
    out += [build_change(o, None, names, base_label) for o in removed]
    out += [build_change(None, n, names, base_label) for n in added]
    order = {"renamed": 0, "changed": 1, "added": 2, "removed": 3}
    out.sort(key=lambda r: (not r.alerts, order[r.status], r.path))
    return Comparison(base, base_label, out)


def pair_moves(removed: list[Version], added: list[Version]):
    """Pair a removed and an added record of the same kind as a move when they have the same id
    or mostly the same text (git pairs staged moves itself; this catches a plain ``mv``)."""
    pairs = []
    removed, added = list(removed), list(added)
    for old in list(removed):
        best, score = None, 0.0
        for new in added:
            if new.kind != old.kind:
                continue
            if new.ident == old.ident:
                best, score = new, 1.0
                break
            if len(removed) * len(added) <= 400:
                m = difflib.SequenceMatcher(None, old.text, new.text, autojunk=False)
                if m.real_quick_ratio() >= RENAME_SIMILARITY and m.quick_ratio() >= RENAME_SIMILARITY:
                    r = m.ratio()
                    if r >= RENAME_SIMILARITY and r > score:
                        best, score = new, r
        if best is not None:
            pairs.append((old, best))
            removed.remove(old)
            added.remove(best)
    return pairs, removed, added


def build_change(old: Version | None, new: Version | None, names: Names, rev_label: str) -> RecordChange:
    v = new or old
    assert v is not None
    label = record_label(v.kind, v.model, v.path, names)
    old_label = record_label(old.kind, old.model, old.path, names) if old else label
    changes = diff_models(old.model if old else None, new.model if new else None, names) if old and new else []
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif old.path != new.path:
        status = "renamed"
    else:
        status = "changed"
    return RecordChange(status, v.kind, old, new, label, old_label, changes,
                        minutes_alerts(old, new, changes, rev_label))


# --- one record's history -------------------------------------------------------------------


@dataclass
class LogEntry:
    commit: Commit
    change: RecordChange | None
    problem: str | None = None  # a version in this commit that does not load


def resolve_record(repo: Repository, git: Git, ident: str) -> str:
    """A record's file from its id (saksnr, meeting id) or its path. A case is found under any of
    its file names (with or without a title slug), now or, if it is gone, in the history."""
    if re.fullmatch(r"\d{4}/\d{1,7}", ident):
        saksnr = f"{int(ident.split('/')[0])}/{int(ident.split('/')[1])}"
        files = layout.case_files(repo.root, saksnr) or git.paths_in_history(
            layout.case_folder(saksnr.split("/")[0]), lambda p: layout.id_of(p) == saksnr)
        if len(files) > 1:
            raise UsageError(f"case {saksnr} is claimed by {' and '.join(files)}; name the file "
                             f"(kvk log {files[0]})")
        return files[0] if files else layout.case_path(saksnr)
    if layout.is_meeting_id(ident):
        return layout.meeting_path(ident)
    if ident.endswith((".yaml", ".yml")):
        rel = scope(repo, [ident])[0]
        if layout.kind_of(rel) is None:
            raise UsageError(f"{ident} is not a record file ({CODES['KVK012'].hint})")
        return rel
    if ident == "organisasjon":
        return layout.ORGANISATION_FILE
    raise UsageError(f"'{ident}' is not a saksnr (2009/17), a meeting id (2009-10-30-styringsgruppa) "
                     f"or a record file")


def history(repo: Repository, git: Git, ident: str) -> tuple[str, list[LogEntry]]:
    """Each commit that touched the record, newest first, with its semantic diff."""
    path = resolve_record(repo, git, ident)
    commits = git.log(path)
    if not commits:
        raise UsageError(f"no commits touch {path} (is it committed? 'git log -- {path}')")
    names = name_lookup(repo)
    entries = []
    for commit in commits:
        c = commit.change
        parent = git.parent(commit.sha)
        label = commit.sha[:7]
        try:
            old = _load_quiet(git, parent, c.old) if parent and c.old else None
            new = _load_quiet(git, commit.sha, c.new) if c.new else None
        except VersionError as err:
            d = err.diagnostic
            where = f"{d.path}:{d.line}" if d.line else d.path
            entries.append(LogEntry(commit, None, f"{where}: {d.code} {d.message}"))
            continue
        if old is None and new is None:
            entries.append(LogEntry(commit, None))
            continue
        entries.append(LogEntry(commit, build_change(old, new, names, label)))
    return path, entries


def _load_quiet(git: Git, rev: str, path: str) -> Version | None:
    raw = git.show(rev, path)
    return None if raw is None else load_version(raw, path)
