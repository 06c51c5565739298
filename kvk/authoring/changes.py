"""What a writing command changes, as one unit: the files it edits (each read once, its bytes
kept), what it did in words, the unified diff ``--dry-run`` shows, and the commit.

Every recording command (``kvk org …``, ``kvk meeting …``) plans a :class:`Change` under the
repository's write lock and commits it through one :class:`~kvk.io.transaction.Transaction`:
all files or none, and a file someone changed after it was read is not overwritten (KVK701).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..diagnostics import BrokenRecords, Diagnostic, RecordError, UsageError
from ..i18n import _
from ..io.files import check_writable, read_record_bytes
from ..io.lock import write_lock
from ..io.transaction import Transaction
from ..io.yaml import load_text
from ..models.validation import validate
from ..repository import Record, Repository, record_from_bytes
from .textedit import change as edit_text


@dataclass
class Editable:
    """A record file as it was read for a change: its bytes (to see a later edit) and record."""

    rel: str
    raw: bytes
    record: Record

    @property
    def data(self) -> Any:
        return self.record.source.data

    @property
    def model(self) -> Any:
        return self.record.model


def read_for_edit(repo: Repository, rel: str) -> Editable:
    """The record at ``rel`` with the bytes it was read from; a record that does not load or
    validate stops the command (``kvk check`` tells why)."""
    raw = read_record_bytes(repo.root / rel, rel, repo.root)
    try:
        record = record_from_bytes(raw, rel)
    except RecordError as err:
        raise BrokenRecords([err.diagnostic]) from None
    return Editable(rel, raw, record)


@dataclass
class FileEdit:
    rel: str
    before: str
    after: str
    expect: bytes | None  # the bytes read; None for a new file


@dataclass
class Change:
    """One command's change: the edited files, what was done (one line each), and what
    ``--format json`` adds (``result``)."""

    command: str
    edits: list[FileEdit] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    result: dict = field(default_factory=dict)

    def edit(self, file: Editable, operations: list, model: type | None = None) -> str:
        """Apply ``operations`` to ``file`` (on top of what this change already does to it) and
        keep the new text; with ``model``, the new text must still validate as it."""
        current = next((e for e in self.edits if e.rel == file.rel), None)
        source = file.record.source if current is None else load_text(current.after, file.rel)
        text = edit_text(source, operations)
        if model is not None:
            valid, diags = validate(model, load_text(text, file.rel))
            if valid is None:
                first = diags[0]
                raise UsageError(_("{path}: error {code} {message} (hint: {hint}); nothing was written").format(
                    path=file.rel, code=first.code, message=first.message,
                    hint=first.hint or _("check the values given")), diagnostics=diags)
        if current is None:
            self.edits.append(FileEdit(file.rel, file.record.source.text, text, file.raw))
        else:
            current.after = text
        return text

    def text_of(self, file: Editable) -> str:
        current = next((e for e in self.edits if e.rel == file.rel), None)
        return file.record.source.text if current is None else current.after

    @property
    def changed(self) -> list[FileEdit]:
        return [e for e in self.edits if e.before != e.after]

    def diff(self) -> str:
        """The change as a unified diff, as git shows it (a/ and b/ paths)."""
        out: list[str] = []
        for e in self.changed:
            out.extend(difflib.unified_diff(e.before.splitlines(keepends=True), e.after.splitlines(keepends=True),
                                            fromfile=f"a/{e.rel}", tofile=f"b/{e.rel}"))
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)

    def to_json(self, dry_run: bool) -> dict:
        found = {"command": self.command, "dry_run": dry_run, "paths": [e.rel for e in self.changed],
                 "done": list(self.done), **self.result}
        if dry_run:
            found["diff"] = self.diff()
        return found


def refusal(d: Diagnostic) -> UsageError:
    """The refusal for a finding at a place in a record: one line in the grammar of a finding
    (``path:line:col: error CODE … (hint: …)``), and that nothing was written."""
    place = f"{d.path}:{d.line}:{d.col}" if d.line else d.path
    text = f"{place}: error {d.code} {d.message}" + (f" (hint: {d.hint})" if d.hint else "")
    return UsageError(text + "; " + _("nothing was written"), diagnostics=[d])


def commit(repo: Repository, change: Change) -> None:
    """Every edited file at once, none if one of them changed since it was read."""
    edits = change.changed
    if not edits:
        return
    for e in edits:
        check_writable((repo.root / e.rel).parent, repo.root)
    transaction = Transaction(repo.root, command=change.command)
    for e in edits:
        transaction.write(repo.root / e.rel, e.after, new=e.expect is None, expect=e.expect)
    transaction.commit()


def run(repo: Repository, command: str, plan: Callable[[], Change], *, dry_run: bool = False) -> Change:
    """Plan the change and, unless ``dry_run``, commit it, under the repository's write lock:
    what it reads cannot be changed by another kvk command before it is written."""
    if dry_run:
        return plan()
    with write_lock(repo.root, command):
        change = plan()
        commit(repo, change)
    return change
