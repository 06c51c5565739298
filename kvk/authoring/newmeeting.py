"""``kvk new-meeting``: a meeting whose participants are the body's members and whose agenda is
every case sent to that body on that date, numbered in the body's series for the year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import layout
from ..diagnostics import UsageError, WriteError
from ..i18n import N_, _, file_language, repository_maalform, translator
from ..io.files import check_writable
from ..io.lock import write_lock
from ..io.transaction import Transaction
from ..io.yaml import load_text
from ..models.meeting import Moete
from ..models.schema import modeline
from ..models.validation import validate
from ..repository import Index, Record, Repository, Scope
from .context import claimed_by, literal_values, require_body
from .lines import Lines
from .numbering import format_utvalgssaksnr, next_utvalgssaksnr_number
from .textedit import edit

#: member roles that are in the room as of right; varamedlemmer come when called in
NOT_SUMMONED = frozenset({"varamedlem"})


@dataclass
class AgendaItem:
    nr: str
    case: Record
    step: int  # index into the case's saksgang
    new_number: bool  # the utvalgssaksnr was given now and must be written back


@dataclass
class MeetingPlan:
    meeting_id: str
    rel: str
    text: str
    items: list[AgendaItem] = field(default_factory=list)
    case_edits: dict[str, str] = field(default_factory=dict)  # case path -> new text


def _steps_for(case: Record, body: str, when: date) -> list[int]:
    return [i for i, s in enumerate(case.model.saksgang) if s.utvalg == body and s.moetedato == when]


def _used_numbers(index: Index, body: str) -> list[str]:
    used = [s.utvalgssaksnr for recs in index.cases.values() for r in recs
            for s in r.model.saksgang if s.utvalg == body and s.utvalgssaksnr]
    used += [p.nr for recs in index.meetings.values() for r in recs if r.model.utvalg == body
             for p in r.model.saker]
    return used


def plan_agenda(index: Index, body: str, when: date) -> list[AgendaItem]:
    """The cases for this meeting in saksnr order; those without a utvalgssaksnr get the next
    numbers of the body's series for the year, those with one keep it. Two files claiming one
    saksnr (after a merge) are refused: the agenda would list one case twice."""
    found = sorted(((rec, i) for recs in index.cases.values() for rec in recs
                    for i in _steps_for(rec, body, when)),
                   key=lambda hit: (hit[0].model.saksaar, hit[0].model.sakssekvensnummer, hit[0].path))
    for saksnr in dict.fromkeys(rec.model.saksnr for rec, _ in found):
        claimants = index.cases[saksnr]
        if len(claimants) > 1:
            raise UsageError.at("KVK203", claimants[0].path, 0, 0,
                                _("saksnr {saksnr} is claimed by {files}; the agenda would list it twice").format(
                                    saksnr=saksnr, files=claimed_by(claimants)),
                                hint=_("give one of them a new number first: kvk renumber-case {path} NEW").format(
                                    path=claimants[-1].path))
    number = next_utvalgssaksnr_number(_used_numbers(index, body), when.year)
    items = []
    for rec, i in found:
        given = rec.model.saksgang[i].utvalgssaksnr
        if given:
            items.append(AgendaItem(given, rec, i, False))
        else:
            items.append(AgendaItem(format_utvalgssaksnr(number, when.year), rec, i, True))
            number += 1
    return items


@dataclass(frozen=True)
class MeetingDetails:
    """What new-meeting may be told besides the body and the date (already parsed)."""

    start: str | None = None  # HH:MM
    slutt: str | None = None
    moetested: str | None = None
    rom: str | None = None
    moetenummer: str | None = None
    dokumenttype: str = "innkalling"


def meeting_details(*, start: str | None = None, slutt: str | None = None, moetested: str | None = None,
                    rom: str | None = None, moetenummer: str | None = None,
                    dokumenttype: str = "innkalling") -> MeetingDetails:
    """The options of new-meeting, parsed: times (KVK105), the document kind (KVK103)."""
    from ..diagnostics import option_error
    from .context import parse_choice, parse_time_option

    times = {name: parse_time_option(value, f"--{name}").strftime("%H:%M") if value else None
             for name, value in (("start", start), ("slutt", slutt))}
    if times["start"] and times["slutt"] and times["slutt"] < times["start"]:
        raise option_error("KVK105", _("--slutt {end} is before --start {start}").format(
            end=times["slutt"], start=times["start"]), _("a meeting ends after it starts"))
    kinds = literal_values(Moete, "dokumenttype")
    return MeetingDetails(start=times["start"], slutt=times["slutt"], moetested=moetested, rom=rom,
                          moetenummer=moetenummer, dokumenttype=parse_choice(dokumenttype, kinds, "--dokumenttype"))


def meeting_text(body, when: date, items: list[AgendaItem], rel: str, details: MeetingDetails | None = None,
                 lang: str = "en") -> str:
    """The new meeting: the body's members, the agenda, every other field empty with a comment
    (in ``lang``)."""
    summoned = [m for m in body.medlemmer if m.rolle not in NOT_SUMMONED]
    leader = next((m.person for m in body.medlemmer if m.rolle in ("moeteleder", "leder")), None)
    secretary = next((m.person for m in body.medlemmer if m.rolle in ("referent", "sekretaer")), None)
    d = details or MeetingDetails()
    out = Lines(modeline(rel, "moete"), translator(lang))
    (out.field("utvalg", body.id)
        .field("moetedato", when.isoformat())
        .field("start", d.start, "" if d.start else "13:15")
        .field("slutt", d.slutt)
        .field("moetested", d.moetested)
        .field("rom", d.rom)
        .field("moetenummer", d.moetenummer)
        .field("dokumenttype", d.dokumenttype, N_("innkalling; referat or moeteprotokoll after the meeting"))
        .field("tittel", None, N_("the document's own title, if it has one"))
        .field("maalform", None, N_("nb or nn; empty: kvk.yaml's default"))
        .field("deres_ref", None)
        .field("vaar_ref", None)
        .field("dokumentdato", None)
        .field("arkivsak", None, N_("the saksnr the minutes are filed in"))
        .field("innkalling_tekst", None, N_("replaces the standard text about forfall and inhabilitet")))
    if summoned:
        out.field("deltakere", raw="", comment=N_("oppmoete: moett, forfall, ikke_moett or permisjon"))
        for m in summoned:
            out.field("person", m.person, indent=2, item=True)
            out.field("rolle", m.rolle, indent=4)
            out.field("oppmoete", None, indent=4)
    else:
        out.field("deltakere", raw="[]", comment=N_("the body has no members in data/organisasjon.yaml"))
    (out.field("moeteleder", leader)
        .field("referent", secretary)
        .field("merknader", raw="[]")
        .field("dokumenter_utdelt", raw="[]"))
    if items:
        out.field("saker", raw="", comment=N_("the agenda: every case whose saksgang names this meeting"))
        for item in items:
            case = item.case.model
            out.field("nr", item.nr, indent=2, item=True)
            out.field("tittel", case.tittel, indent=4)
            if case.offentlig_tittel:
                out.field("offentlig_tittel", case.offentlig_tittel, indent=4)
            out.field("sak", case.saksnr, indent=4)
            out.field("type", "PS", indent=4)
            out.field("saksbehandler", case.saksbehandler, indent=4)
            hjemmel = case.skjermet("tittel")
            if hjemmel:
                out.field("skjerming", raw="", indent=4)
                out.field("hjemmel", hjemmel, indent=6)
                out.field("felt", raw="[tittel]", indent=6)
    else:
        out.field("saker", raw="[]", comment=N_("no case names this body and date in its saksgang"))
    (out.field("signatur", raw="[]")
        .field("protokollstatus", None, N_("{status: godkjent, dato: …} once the minutes are approved"))
        .field("rettelser", raw="[]")
        .field("skjerming", None))
    return out.text()


def plan_meeting(repo: Repository, body_id: str, when: date, *, force: bool = False,
                 details: MeetingDetails | None = None) -> MeetingPlan:
    """Everything new-meeting will write, computed and verified before anything is written."""
    # only records that mention the body can be on its agenda or hold numbers of its series
    index = repo.load_index(Scope.kinds(layout.SAK, layout.MOETE).containing(body_id))
    body = require_body(index, body_id, "--utvalg")
    meeting_id = layout.meeting_id(when.isoformat(), body.id)
    rel = layout.meeting_path(meeting_id)
    if not force and (repo.root / rel).exists():
        raise WriteError(_("{path} already exists; not overwritten (use --force to replace it)").format(path=rel))
    others = [r.path for r in index.meetings.get(meeting_id, []) if r.path != rel]
    if others:
        raise UsageError(_("meeting {id} already exists in {path}").format(id=meeting_id, path=others[0]))
    items = plan_agenda(index, body.id, when)
    text = meeting_text(body, when, items, rel, details, file_language(repository_maalform({}, repo.root)))
    model, diags = validate(Moete, load_text(text, rel))
    if model is None:
        raise AssertionError(f"the new meeting would not validate: {diags[0].format()}")
    plan = MeetingPlan(meeting_id, rel, text, items)
    by_case: dict[str, dict] = {}
    for item in items:
        if item.new_number:
            by_case.setdefault(item.case.path, {})[("saksgang", item.step, "utvalgssaksnr")] = item.nr
    for case_rel, values in by_case.items():
        record = next(it.case for it in items if it.case.path == case_rel)
        plan.case_edits[case_rel] = edit(record.source, values)
    return plan


def write_meeting(repo: Repository, plan: MeetingPlan, *, force: bool = False) -> Path:
    """The meeting and the numbers in its cases, as one change: all of them or none."""
    path = repo.root / plan.rel
    check_writable(path.parent, repo.root)
    for case_rel in plan.case_edits:
        check_writable((repo.root / case_rel).parent, repo.root)
    change = Transaction(repo.root, command="kvk new-meeting")
    change.write(path, plan.text, new=not force)
    for case_rel, text in plan.case_edits.items():
        change.write(repo.root / case_rel, text)
    change.commit()
    return path


def new_meeting(repo: Repository, body_id: str, when: date, *, force: bool = False,
                details: MeetingDetails | None = None) -> tuple[MeetingPlan, Path]:
    """Plan and write a meeting under the repository's write lock, so the numbers it gives are
    read while no other kvk command can give them too."""
    with write_lock(repo.root, "kvk new-meeting"):
        plan = plan_meeting(repo, body_id, when, force=force, details=details)
        return plan, write_meeting(repo, plan, force=force)
