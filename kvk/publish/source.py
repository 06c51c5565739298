"""The public records every published file is made from: THE one place publishing gets them.

A repository with errors is refused whole (a public export is made complete or not at all).
The records are redacted before any publisher sees them (kvk.render.redact.public_index: every
[[skjermet]] span, every field in a skjerming.felt and every wholly skjermet object is already
the marker, internal-only fields are gone). Publishers still ask :meth:`Published.hidden` about
structure (a skjermet decision is one marker, a skjermet vote is left out) and take text through
:meth:`Published.text` / :meth:`Published.title`, which redact once more with the public render
path's Redactor: a second lock on the same door.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathlib import Path
from typing import Any, Iterator

from ..diagnostics import Diagnostic, KvkError, errors_in


class Refused(KvkError):
    """The repository has errors: nothing is published; the findings say why."""

    exit_code = 1

    def __init__(self, findings: list[Diagnostic]):
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        lead = Diagnostic.make("KVK603", first.path, first.line, first.col,
                               f"nothing was published: {first.code} {first.message}{more}")
        super().__init__(diagnostics=[lead, *findings])


@dataclass
class Published:
    """The repository's records as the public may see them, with the lookups publishers share."""

    root: Path
    config: Any
    index: Any  # kvk.repository.Index
    maalform: str
    red: Any = field(repr=False, default=None)

    # --- the records ------------------------------------------------------------------------

    def bodies(self) -> list[Any]:
        return [hit[2] for hit in self.index.all("bodies")]

    def meetings(self) -> list[Any]:
        """The meetings to publish: those whose date the records state. A meeting recorded
        without a date (an honest unknown) has no place in a møteplan, a calendar or an
        event list, which all require one; it is left out of every published file."""
        dated = (r.model for r in self.index.all("meetings") if r.model.moetedato is not None)
        return sorted(dated, key=lambda m: (m.moetedato, m.utvalg))

    def cases(self) -> list[Any]:
        return sorted((r.model for r in self.index.all("cases")), key=lambda s: (s.saksaar, s.sakssekvensnummer))

    def meetings_of(self, body: str) -> list[Any]:
        return [m for m in self.meetings() if m.utvalg == body]

    def body(self, bid: str) -> Any:
        return self.index.body(bid)

    def person(self, pid: str | None) -> Any:
        return self.index.person(pid) if pid else None

    def name(self, pid: str | None) -> str:
        person = self.person(pid)
        return person.navn if person else (pid or "")

    def party(self, pid: str | None) -> str | None:
        person = self.person(pid)
        return person.representerer if person else None

    def body_name(self, bid: str) -> str:
        body = self.body(bid)
        return body.navn if body else bid

    @staticmethod
    def minutes_published(moete: Any) -> bool:
        """Minutes exist and are not a draft (utkast): an innkalling alone has no minutes."""
        if moete.dokumenttype == "innkalling":
            return False
        return not (moete.protokollstatus and moete.protokollstatus.status == "utkast")

    def items_of_case(self, saksnr: str) -> Iterator[tuple[Any, Any]]:
        """(meeting, agenda item) for every treatment of the case in a meeting, by date."""
        for moete in self.meetings():
            for item in moete.saker:
                if item.sak == saksnr:
                    yield moete, item

    # --- public text ------------------------------------------------------------------------

    def hidden(self, owner: Any, name: str | None = None) -> str | None:
        """The marker if the whole ``owner`` (name None) or its field ``name`` is skjermet."""
        return self.red.hidden(owner, name)

    def text(self, owner: Any, name: str) -> str | None:
        """A text field as the public may read it: the marker when it is skjermet, its
        [[skjermet]] spans replaced, None when empty."""
        return self.red.field(owner, name, getattr(owner, name, None)) or None

    def plain(self, value: str | None) -> str | None:
        """Text that is not a field of a skjermbar record (a vedtak's, a forslag's): spans replaced."""
        return self.red.text(value) or None

    def title(self, owner: Any) -> str:
        """A case's or an agenda item's public title: its offentlig_tittel where the title is
        skjermet (and the marker if there is none)."""
        if self.hidden(owner, "tittel") is not None:
            return self.plain(getattr(owner, "offentlig_tittel", None)) or self.red.marker(owner.skjerming.hjemmel)
        return self.plain(owner.tittel) or ""

    def vedtak(self, item: Any) -> str | None:
        """The decision's public text, or its marker."""
        if item.vedtak is None:
            return None
        return self.hidden(item, "vedtak") or self.plain(item.vedtak.tekst)

    def votes_public(self, item: Any) -> bool:
        return self.hidden(item, "votering") is None


def public_records(repo: Any) -> Published:
    """Check the whole repository, refuse it if it has errors, and give its public records."""
    from ..check.engine import check_repository
    from ..repository import Broken, Scope

    findings, _ = check_repository(repo)
    errors = errors_in(findings)
    if errors:
        raise Refused(errors)
    return published(repo.root, repo.config, repo.load(Scope.everything(), on_broken=Broken.FAIL).index())


def published(root: Path, config: Any, index: Any) -> Published:
    """The public form of records already loaded and checked: redacted here, and only here."""
    from ..render.redact import Redactor, public_index

    maalform = config.maalform
    return Published(root=root, config=config, index=public_index(index, maalform), maalform=maalform,
                     red=Redactor(public=True, maalform=maalform))
