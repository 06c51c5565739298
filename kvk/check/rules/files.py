"""A record lives where its id says: the file name follows the saksnr or the meeting id."""

from __future__ import annotations

from typing import Iterator

from ... import layout
from ...diagnostics import Diagnostic
from ...i18n import _
from ..facts import at
from . import record_rule


@record_rule(layout.SAK, "KVK204")
def case_file_name(record, ctx) -> Iterator[Diagnostic]:
    """A case lives at data/saker/<år>/<år>-<nr>[-<slug>].yaml."""
    saksnr = record.model.saksnr
    if not layout.is_case_path(saksnr, record.path):  # a slug after the number is fine
        expected = layout.case_path(saksnr)
        yield at(record, ("saksnr",), "KVK204",
                 _("{id} belongs in {expected}, not {path}").format(id=saksnr, expected=expected, path=record.path),
                 hint=f"git mv {record.path} {expected}")


@record_rule(layout.MOETE, "KVK204")
def meeting_file_name(record, ctx) -> Iterator[Diagnostic]:
    """A meeting lives at data/moter/<år>/<its id>.yaml."""
    ident = record.model.id
    expected = layout.meeting_path(ident)
    if record.path != expected:
        yield at(record, ("moetedato",), "KVK204",
                 _("{id} belongs in {expected}, not {path}").format(id=ident, expected=expected, path=record.path),
                 hint=f"git mv {record.path} {expected}")
