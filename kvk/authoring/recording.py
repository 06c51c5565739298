"""``kvk meeting …``: what the referent records during and after a meeting, written into the
meeting's record as text at the loader's positions (comments and order kept).

Attendance, proposals, votes, the vedtak, the document kind, the approval of the minutes and
corrections. Each function plans one :class:`~kvk.authoring.changes.Change` under the write
lock (``dry_run``: plan only). Before anything is written the new record must validate and pass
the meeting's own rules (``kvk check``'s record rules: more votes than voters present, a vote by
someone absent or inhabil, a substitute for someone present, a quorum): a change that would give
the record a new error is refused with that error's code. Approved minutes take a change only
together with a correction (``rettelser``), as the review rule KVK500 requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic_core import PydanticCustomError

from .. import layout
from ..diagnostics import Diagnostic, UsageError, did_you_mean, errors_in, option_error
from ..i18n import N_, _
from ..models.behandling import INNSTILLINGEN, Forslag, Vedtak, Votering
from ..models.case import Sak
from ..models.common import parse_time
from ..models.meeting import ABSENT, Deltaker, Hendelse, Inhabilitet, Moete, Punkt
from ..models.presence import item_positions
from ..repository import Broken, Record, Repository, Scope, parse_record
from .changes import Change, Editable, read_for_edit, run
from .context import literal_values, parse_choice, parse_date_option
from .textedit import Append, Set

#: the document kinds that are minutes: what is recorded after the meeting goes into them
MINUTES = ("referat", "moeteprotokoll", "moetebok", "saksprotokoll")
DOKUMENTTYPER = literal_values(Moete, "dokumenttype")
OPPMOETE = ("moett", *ABSENT)
FORSLAG_TYPER = literal_values(Forslag, "type")
VEDTAK_TYPER = literal_values(Vedtak, "type")
RESULTATER = literal_values(Votering, "resultat")


def _order(model) -> tuple[str, ...]:
    return tuple(info.alias or name for name, info in model.model_fields.items())


MOETE_ORDER, DELTAKER_ORDER, PUNKT_ORDER = _order(Moete), _order(Deltaker), _order(Punkt)
HENDELSE_ORDER, INHABIL_ORDER = _order(Hendelse), _order(Inhabilitet)


@dataclass(frozen=True)
class Correction:
    """The rettelse that lets a command change approved minutes: why, by whom, when."""

    grunn: str
    av: str
    dato: date


def _finding(d: Diagnostic, what: str | None = None) -> UsageError:
    """The refusal for a finding in the record (a rule of kvk check, or the command's own): one
    line in the grammar of a finding (``error CODE … (hint: …)``, as in every language) and what
    happened in the user's language; a rule's own words are left as the rule has them."""
    text = f"{d.path}: error {d.code} {d.message}" + (f" (hint: {d.hint})" if d.hint else "")
    text += "; " + (what if what is not None else _("nothing was written"))
    return UsageError(text, diagnostics=[d])


class Meeting:
    """A meeting's record as read for a change, with the organisation at hand."""

    def __init__(self, repo: Repository, meeting_id: str):
        if not layout.is_meeting_id(meeting_id):
            raise option_error("KVK302", _("'{id}' is not a meeting id").format(id=meeting_id))
        rel = layout.meeting_path(meeting_id)
        if not (repo.root / rel).is_file():
            raise option_error("KVK302", _("unknown meeting {id}: no file {path}").format(id=meeting_id, path=rel)
                               + layout.closest_meeting(repo.root, meeting_id),
                               _("make it with kvk new-meeting --utvalg BODY --dato DATE"))
        self.repo = repo
        self.id = meeting_id
        self.file: Editable = read_for_edit(repo, rel)
        self.directory = repo.load(Scope.organisation(), on_broken=Broken.FAIL, jobs=1).directory
        self.positions = item_positions(self.model)

    @property
    def model(self) -> Moete:
        return self.file.model

    @property
    def rel(self) -> str:
        return self.file.rel

    def person(self, pid: str | None, option: str) -> str | None:
        if pid is not None and pid not in self.directory.people:
            raise option_error("KVK201", _("{option}: unknown person '{id}'").format(option=option, id=pid)
                               + did_you_mean(pid, self.directory.people),
                               _("add the person with 'kvk org person ID --navn NAME'"))
        return pid

    def party(self, pid: str, option: str) -> str:
        if pid not in self.directory.parties:
            raise option_error("KVK224", _("{option}: unknown party '{id}'").format(option=option, id=pid)
                               + did_you_mean(pid, self.directory.parties),
                               _("add the party with 'kvk org party ID --kortnavn NAME'"))
        return pid

    def item(self, ref: str, option: str = "ITEM") -> int:
        """The position of the agenda item ``ref`` names: its nr or id, or the saksnr it treats."""
        ref = ref.strip()
        if ref in self.positions:
            return self.positions[ref]
        for pos, item in enumerate(self.model.saker):
            if item.sak is not None and item.sak == ref:
                return pos
        known = list(self.positions) + [i.sak for i in self.model.saker if i.sak]
        raise option_error("KVK213", _("{option}: no agenda item '{ref}' in {meeting}").format(
                               option=option, ref=ref, meeting=self.id) + did_you_mean(ref, known),
                           _("name an item by its number ({numbers})").format(
                               numbers=", ".join(list(self.positions)[:6]))
                           if self.positions else _("the meeting's agenda is empty"))

    def participant(self, pid: str) -> int | None:
        return next((i for i, d in enumerate(self.model.deltakere) if d.person == pid), None)

    def approved(self) -> bool:
        return self.model.protokollstatus is not None and self.model.protokollstatus.status == "godkjent"

    def require_minutes(self, what: str) -> None:
        if self.model.dokumenttype not in MINUTES:
            line, col = self.file.record.locate(("dokumenttype",))
            raise _finding(Diagnostic.make(
                "KVK703", self.rel, line, col,
                _("{meeting} is still an {kind}: {what} belongs in its minutes").format(
                    meeting=self.id, kind=self.model.dokumenttype, what=_(what)),
                _("make it minutes first: kvk meeting status {meeting} moeteprotokoll (or referat)").format(
                    meeting=self.id)))

    def findings(self, record: Record) -> list[Diagnostic]:
        from ..check.facts import context_for, record_facts

        return errors_in(record_facts(record, context_for(self.directory)).findings)


def _meeting_change(meeting: Meeting, command: str, ops: list, correction: Correction | None,
                    change: Change | None = None, *, guard: bool = True) -> Change:
    """Apply ``ops`` to the meeting (with the correction approved minutes need), validate, and
    refuse what would give the record an error it did not have."""
    change = change or Change(command, result={"meeting": meeting.id})
    if guard and meeting.approved():
        status = meeting.model.protokollstatus
        if correction is None:
            line, col = meeting.file.record.locate(("protokollstatus",))
            raise _finding(Diagnostic.make(
                "KVK500", meeting.rel, line, col,
                _("the minutes of {meeting} were approved on {day}; they are changed only with a recorded "
                  "correction").format(meeting=meeting.id, day=status.dato.isoformat()),
                _("give --rettelse 'why' --av 'who': kvk adds it to rettelser with the change")))
        ops = ops + [Append(("rettelser",), {"dato": correction.dato.isoformat(), "av": correction.av,
                                             "grunn": correction.grunn, "endring": "; ".join(change.done)},
                            MOETE_ORDER)]
        change.done.append(_("rettelse recorded: {why} ({who}, {day})").format(
            why=correction.grunn, who=correction.av, day=correction.dato.isoformat()))
    if not ops:
        return change
    text = change.edit(meeting.file, ops, Moete)
    before = {(d.code, d.message) for d in meeting.findings(meeting.file.record)}
    for d in meeting.findings(parse_record(text.encode("utf-8"), meeting.rel, layout.MOETE)):
        if (d.code, d.message) not in before:
            raise _finding(d)
    return change


def _correction_check(meeting: Meeting, correction: Correction | None) -> None:
    if correction is not None and not meeting.approved():
        raise option_error("KVK103", _("--rettelse: the minutes are not approved; a correction is for approved minutes"),
                           _("leave out --rettelse: minutes that are not approved are changed freely"))


# --- attendance --------------------------------------------------------------------------------

def _point(meeting: Meeting, text: str, option: str, where: str) -> dict[str, str]:
    """A point of the meeting: a clock time (kl), or an item (``where``: foer, etter or under)."""
    try:
        return {"kl": parse_time(text).strftime("%H:%M")}
    except PydanticCustomError:
        pass
    pos = meeting.item(text, option)
    return {where: meeting.model.saker[pos].ref}


def _role_in_body(meeting: Meeting, pid: str) -> str | None:
    body = meeting.directory.bodies.get(meeting.model.utvalg)
    if body is None:
        return None
    found = [m for m in body.medlemmer if m.person == pid and m.active(meeting.model.moetedato)]
    return found[0].rolle if found else None


def attend(repo: Repository, meeting_id: str, persons: list[str], *, oppmoete: str | None = None,
           grunn: str | None = None, moette_for: str | None = None, kom: str | None = None,
           forlot: str | None = None, under: bool = False, permisjon: bool = False, inhabil: str | None = None,
           hjemmel: str | None = None, vara: str | None = None, correction: Correction | None = None,
           dry_run: bool = False) -> Change:
    """Record who came: present (the default), forfall with or without a reason, a vara who met
    for someone, arriving or leaving at a time or an item, permisjon, inhabil in an item."""
    if not persons:
        raise option_error("KVK101", _("name at least one person"))
    if oppmoete is not None:
        oppmoete = parse_choice(oppmoete, OPPMOETE, "--oppmoete")
    if grunn is not None and oppmoete is None:
        oppmoete = "forfall"
    if grunn is not None and oppmoete == "moett":
        raise option_error("KVK103", _("--grunn is the reason for an absence; it does not go with --oppmoete moett"))
    if moette_for is not None and len(persons) > 1:
        raise option_error("KVK103", _("--for: one person meets for another; name one person"))
    if (hjemmel is not None or vara is not None) and inhabil is None:
        raise option_error("KVK101", _("--hjemmel and --vara go with --inhabil ITEM"))
    if permisjon and forlot is None:
        raise option_error("KVK101", _("--permisjon goes with --forlot: the leave granted when someone left"))
    events_given = kom is not None or forlot is not None or inhabil is not None or moette_for is not None
    if oppmoete is None and not events_given:
        oppmoete = "moett"

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        for pid in persons:
            meeting.person(pid, "PERSON")
        meeting.person(moette_for, "--for")
        meeting.person(vara, "--vara")
        change = Change("kvk meeting attend", result={"meeting": meeting.id, "persons": list(persons)})
        events = []
        if kom is not None:
            events.append({"hva": "kom", **_point(meeting, kom, "--kom", "under" if under else "foer")})
        if forlot is not None:
            events.append({"hva": "forlot", **_point(meeting, forlot, "--forlot", "under" if under else "etter"),
                           "permisjon": "ja" if permisjon else None})
        inhabil_entry = None
        if inhabil is not None:
            ref = meeting.model.saker[meeting.item(inhabil, "--inhabil")].ref
            inhabil_entry = {"sak": ref, "hjemmel": hjemmel, "vara": vara}
        ops: list = []
        added = 0
        for pid in persons:
            i = meeting.participant(pid)
            current = None if i is None else meeting.model.deltakere[i]
            wanted = oppmoete
            if wanted is None and (current is None or current.oppmoete is None) and (events or moette_for):
                wanted = "moett"  # arriving, leaving or meeting for someone: the person met
            if current is None:
                entry = {"person": pid, "oppmoete": wanted, "rolle": _role_in_body(meeting, pid),
                         "moette_for": moette_for, "hendelser": events or None,
                         "inhabil_i": [inhabil_entry] if inhabil_entry else None, "forfall_grunn": grunn}
                ops.append(Append(("deltakere",), {k: entry[k] for k in DELTAKER_ORDER if entry.get(k) is not None},
                                  DELTAKER_ORDER, block=True))
                added += 1
                change.done.append(_("{person}: added to deltakere").format(person=pid)
                                   + (f", oppmoete {wanted}" if wanted else "")
                                   + (", " + _("met for {person}").format(person=moette_for) if moette_for else "")
                                   + "".join(f", {e['hva']} " + ", ".join(f"{k} {v}" for k, v in e.items()
                                                                         if k != "hva" and v) for e in events)
                                   + (", " + _("inhabil in item {item}").format(item=inhabil_entry["sak"])
                                      if inhabil_entry else ""))
                continue
            base = ("deltakere", i)
            for key, value in (("oppmoete", wanted), ("forfall_grunn", grunn), ("moette_for", moette_for)):
                old = getattr(current, key)
                if value is not None and old != value:
                    ops.append(Set(base + (key,), value, DELTAKER_ORDER))
                    before = _("(empty)") if old is None else old
                    after = _("(given)") if key == "forfall_grunn" else value
                    change.done.append(f"{pid}: {key} {before} -> {after}")
            for event in events:
                ops.append(Append(base + ("hendelser",), event, HENDELSE_ORDER))
                change.done.append(f"{pid}: {event['hva']} " + ", ".join(f"{k} {v}" for k, v in event.items()
                                                                        if k != "hva" and v))
            if inhabil_entry is not None:
                ops.append(Append(base + ("inhabil_i",), inhabil_entry, INHABIL_ORDER))
                change.done.append(f"{pid}: " + _("inhabil in item {item}").format(item=inhabil_entry["sak"]))
        if moette_for is not None:
            j = meeting.participant(moette_for)
            if j is None:
                ops.append(Append(("deltakere",), {"person": moette_for, "oppmoete": "forfall",
                                                   "rolle": _role_in_body(meeting, moette_for)},
                                  DELTAKER_ORDER, block=True))
                change.done.append(_("{person}: added to deltakere").format(person=moette_for) + ", oppmoete forfall")
            elif meeting.model.deltakere[j].oppmoete is None:
                ops.append(Set(("deltakere", j, "oppmoete"), "forfall", DELTAKER_ORDER))
                change.done.append(f"{moette_for}: oppmoete " + _("(empty)") + " -> forfall")
        if not ops:
            change.done.append(_("nothing to change: the record says so already"))
        return _meeting_change(meeting, "kvk meeting attend", ops, correction, change)

    return run(repo, "kvk meeting attend", plan, dry_run=dry_run)


# --- proposals, votes, the vedtak ---------------------------------------------------------------

def proposal(meeting: Meeting, pos: int, ref: str, option: str) -> str:
    """``ref`` if it names a proposal of the item at ``pos`` (or the innstilling); else KVK222."""
    ids = [f.id for f in meeting.model.saker[pos].forslag if f.id]
    if ref == INNSTILLINGEN or ref in ids:
        return ref
    raise option_error("KVK222", _("{option}: item {item} has no proposal '{ref}'").format(
                           option=option, item=meeting.model.saker[pos].ref, ref=ref)
                       + did_you_mean(ref, [INNSTILLINGEN, *ids]),
                       _("name a forslag id of the item ({ids})").format(ids=", ".join([INNSTILLINGEN, *ids])))


def propose(repo: Repository, meeting_id: str, item: str, tekst: str, *, ident: str | None = None,
            fremmet_av: str | None = None, paa_vegne_av: str | None = None, type: str | None = None,
            correction: Correction | None = None, dry_run: bool = False) -> Change:
    """Record a proposal (forslag) in an item; a vote names it by its id."""
    if not tekst.strip():
        raise option_error("KVK101", _("--tekst: a proposal needs its text"))
    type = parse_choice(type, FORSLAG_TYPER, "--type") if type is not None else None

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        meeting.require_minutes(N_("a proposal"))
        meeting.person(fremmet_av, "--fremmet-av")
        pos = meeting.item(item)
        punkt = meeting.model.saker[pos]
        ids = [f.id for f in punkt.forslag if f.id]
        new_id = ident
        if new_id is None:
            # the proposal's number in the item: documents print it ("Forslag 2", "Votering over
            # forslag 2"), so it must read as a number, not as a machine id
            n = len(punkt.forslag) + 1
            while str(n) in ids:
                n += 1
            new_id = str(n)
        elif new_id in ids or new_id == INNSTILLINGEN:
            raise option_error("KVK702", _("--id: item {item} has a proposal '{id}' already").format(
                                   item=punkt.ref, id=new_id), _("give the new proposal another id"))
        entry = {"id": new_id, "fremmet_av": fremmet_av, "paa_vegne_av": paa_vegne_av, "type": type, "tekst": tekst}
        change = Change("kvk meeting propose", result={"meeting": meeting.id, "item": punkt.ref, "id": new_id})
        change.done.append((_("item {item}: proposal {id} by {who}") if fremmet_av else _("item {item}: proposal {id}"))
                           .format(item=punkt.ref, id=new_id, who=fremmet_av))
        return _meeting_change(meeting, "kvk meeting propose",
                               [Append(("saker", pos, "forslag"), entry, _order(Forslag))], correction, change)

    return run(repo, "kvk meeting propose", plan, dry_run=dry_run)


def vote(repo: Repository, meeting_id: str, item: str, *, over: str = INNSTILLINGEN, for_: int | None = None,
         mot: int | None = None, blankt: int | None = None, enstemmig: bool = False, ja: list[str] = (),
         nei: list[str] = (), blank: list[str] = (), partier_for: list[str] = (), partier_mot: list[str] = (),
         partier_blankt: list[str] = (), resultat: str | None = None, kl: str | None = None,
         correction: Correction | None = None, dry_run: bool = False) -> Change:
    """Record a vote (votering) in an item: over a proposal or the innstilling; counts, a roll
    call (navneopprop) or party groups; the result is worked out from the counts if not given."""
    roll = [(p, "ja") for p in ja] + [(p, "nei") for p in nei] + [(p, "blankt") for p in blank]
    if not (enstemmig or roll or for_ is not None or mot is not None or blankt is not None):
        raise option_error("KVK101", _("a vote needs --enstemmig, counts (--for, --mot, --blankt) or a roll call "
                                       "(--ja, --nei, --blank)"))
    resultat = parse_choice(resultat, RESULTATER, "--resultat") if resultat is not None else None
    when = None
    if kl is not None:
        try:
            when = parse_time(kl).strftime("%H:%M")
        except PydanticCustomError as err:
            raise option_error("KVK105", "--kl: " + _(err.message_template).format(**(err.context or {}))) from None

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        meeting.require_minutes(N_("a vote"))
        pos = meeting.item(item)
        punkt = meeting.model.saker[pos]
        target = proposal(meeting, pos, over, "--over")
        for pid, _vote in roll:
            meeting.person(pid, "--" + {"ja": "ja", "nei": "nei", "blankt": "blank"}[_vote])
        for option, parties in (("--partier-for", partier_for), ("--partier-mot", partier_mot),
                                ("--partier-blankt", partier_blankt)):
            for p in parties:
                meeting.party(p, option)
        counts = {"for": for_, "mot": mot, "blankt": blankt}
        yes = for_ if for_ is not None else (sum(1 for _, s in roll if s == "ja") if roll else None)
        no = mot if mot is not None else (sum(1 for _, s in roll if s == "nei") if roll else (0 if enstemmig else None))
        found = resultat
        if found is None:
            if enstemmig:
                found = "vedtatt"
            elif yes is not None and no is not None and yes != no:
                found = "vedtatt" if yes > no else "falt"
        partier = {"for": list(partier_for) or None, "mot": list(partier_mot) or None,
                   "blankt": list(partier_blankt) or None}
        entry = {"over": target, "kl": when, "resultat": found, "enstemmig": "ja" if enstemmig else None,
                 **{k: str(v) for k, v in counts.items() if v is not None},
                 "stemmer": [{"person": p, "stemme": s} for p, s in roll] or None,
                 "partier": {k: v for k, v in partier.items() if v} or None}
        change = Change("kvk meeting vote", result={"meeting": meeting.id, "item": punkt.ref, "over": target,
                                                    "resultat": found})
        said = "enstemmig" if enstemmig else ", ".join(f"{k} {v}" for k, v in counts.items() if v is not None)
        if roll:
            said = (said + ", " if said else "") + _("roll call of {n}").format(n=len(roll))
        what = target if target == INNSTILLINGEN else _("proposal {id}").format(id=target)
        change.done.append(_("item {item}: vote over {what}: {said}").format(item=punkt.ref, what=what, said=said)
                           + (f", {found}" if found else ""))
        return _meeting_change(meeting, "kvk meeting vote",
                               [Append(("saker", pos, "votering"), entry, _order(Votering))], correction, change)

    return run(repo, "kvk meeting vote", plan, dry_run=dry_run)


def _closes_case(case: Sak, body: str, day: date | None, kind: str | None) -> bool:
    """Does this body's vedtak on this day end the case's saksgang?"""
    if kind == "utsatt" or kind == "innstilling" or kind == "tilraading":
        return False
    steps = [i for i, s in enumerate(case.saksgang) if s.utvalg == body and s.moetedato == day]
    if not steps:
        return False
    step = case.saksgang[steps[-1]]
    if case.avgjoeres_av is not None:
        return case.avgjoeres_av == body
    if step.rolle is not None:
        return step.rolle == "vedtak"
    return steps[-1] == len(case.saksgang) - 1


def decide(repo: Repository, meeting_id: str, item: str, *, tekst: str | None = None, som: str | None = None,
           type: str | None = None, force: bool = False, correction: Correction | None = None,
           dry_run: bool = False) -> Change:
    """Record the vedtak of an item: its text, or the proposal adopted (``som``). When the body
    is the last in the case's saksgang (or the one that decides it), the case is avsluttet."""
    if (tekst is None) == (som is None):
        raise option_error("KVK101", _("give the vedtak's --tekst, or --som: the proposal adopted (innstillingen "
                                       "or a forslag id)"))
    type = parse_choice(type, VEDTAK_TYPER, "--type") if type is not None else None

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        meeting.require_minutes(N_("a vedtak"))
        pos = meeting.item(item)
        punkt = meeting.model.saker[pos]
        adopted = proposal(meeting, pos, som, "--som") if som is not None else None
        if punkt.vedtak is not None and not force:
            line, col = meeting.file.record.locate(("saker", pos, "vedtak"))
            raise _finding(Diagnostic.make("KVK702", meeting.rel, line, col,
                                           _("item {item} has a vedtak already").format(item=punkt.ref),
                                           _("give --force to replace it")))
        value = {"tekst": tekst, "som": adopted, "type": type}
        change = Change("kvk meeting decide", result={"meeting": meeting.id, "item": punkt.ref})
        change.done.append((_("item {item}: vedtak as {id}") if adopted else _("item {item}: vedtak recorded"))
                           .format(item=punkt.ref, id=adopted)
                           + (_(" (replaced)") if punkt.vedtak is not None else ""))
        _meeting_change(meeting, "kvk meeting decide",
                        [Set(("saker", pos, "vedtak"), {k: v for k, v in value.items() if v is not None},
                             PUNKT_ORDER, replace=True)], correction, change)
        if punkt.sak is not None:
            _case_status(repo, meeting, punkt.sak, type, change)
        return change

    return run(repo, "kvk meeting decide", plan, dry_run=dry_run)


def _case_status(repo: Repository, meeting: Meeting, saksnr: str, kind: str | None, change: Change) -> None:
    files = layout.case_files(repo.root, saksnr)
    if len(files) != 1:
        change.done.append((_("case {saksnr}: saksstatus left alone (no file)") if not files else
                            _("case {saksnr}: saksstatus left alone (two files)")).format(saksnr=saksnr))
        return
    case = read_for_edit(repo, files[0])
    # the body that decides it closes the case; any other treatment leaves it under behandling
    if _closes_case(case.model, meeting.model.utvalg, meeting.model.moetedato, kind):
        wanted = "avsluttet"
    elif case.model.saksstatus is None:
        wanted = "under_behandling"
    else:
        return
    if case.model.saksstatus == wanted:
        return
    change.edit(case, [Set(("saksstatus",), wanted, _order(Sak))], Sak)
    change.done.append(_("case {saksnr}: saksstatus {old} -> {new}").format(
        saksnr=saksnr, old=case.model.saksstatus or _("(empty)"), new=wanted))
    change.result["case"] = {"saksnr": saksnr, "path": case.rel, "saksstatus": wanted}


# --- an item's status and kind ------------------------------------------------------------------

#: the Noark møteregistreringsstatus of an item, and the words people say for it
ITEM_STATUSES = literal_values(Punkt, "status")
STATUS_WORDS = {"behandlet": "BE", "utsatt": "UT", "tilbakesendt": "TB", "sendt_tilbake": "TB"}
ITEM_TYPES = literal_values(Punkt, "type")
ITEM_ARTS = literal_values(Punkt, "art")


def parse_item_status(text: str, option: str = "--status") -> str:
    """BE, UT or TB, from the code or the word (behandlet, utsatt, tilbakesendt)."""
    code = text.strip().upper()
    if code in ITEM_STATUSES:
        return code
    return STATUS_WORDS[parse_choice(text, tuple(STATUS_WORDS), option)]


def item(repo: Repository, meeting_id: str, ref: str, *, status: str | None = None, type: str | None = None,
         art: str | None = None, correction: Correction | None = None, dry_run: bool = False) -> Change:
    """Set an agenda item's status (BE behandlet, UT utsatt, TB sendt tilbake: what came of it,
    so the minutes' record) and its kind (the Noark type PS, RS, …; the art)."""
    if status is None and type is None and art is None:
        raise option_error("KVK101", _("give what to set: --status, --type or --art"))
    status = parse_item_status(status) if status is not None else None
    type = parse_choice(type, ITEM_TYPES, "--type") if type is not None else None
    art = parse_choice(art, ITEM_ARTS, "--art") if art is not None else None

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        if status is not None:
            meeting.require_minutes(N_("an item's status"))
        pos = meeting.item(ref)
        punkt = meeting.model.saker[pos]
        change = Change("kvk meeting item", result={"meeting": meeting.id, "item": punkt.ref})
        ops = []
        for key, value in (("status", status), ("type", type), ("art", art)):
            if value is None:
                continue
            change.result[key] = value
            old = getattr(punkt, key)
            if old != value:
                ops.append(Set(("saker", pos, key), value, PUNKT_ORDER))
                change.done.append(_("item {item}: {field} {old} -> {new}").format(
                    item=punkt.ref, field=key, old=old or _("(empty)"), new=value))
        if not ops:
            change.done.append(_("nothing to change: the record says so already"))
        return _meeting_change(meeting, "kvk meeting item", ops, correction, change)

    return run(repo, "kvk meeting item", plan, dry_run=dry_run)


# --- the document: its kind, the approval, corrections -------------------------------------------

def status(repo: Repository, meeting_id: str, dokumenttype: str, *, correction: Correction | None = None,
           dry_run: bool = False) -> Change:
    """Set the document kind (innkalling before the meeting; moeteprotokoll or referat after);
    minutes start as an utkast."""
    kind = parse_choice(dokumenttype, DOKUMENTTYPER, "DOKUMENTTYPE")

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        _correction_check(meeting, correction)
        change = Change("kvk meeting status", result={"meeting": meeting.id, "dokumenttype": kind})
        ops: list = []
        if meeting.model.dokumenttype != kind:
            ops.append(Set(("dokumenttype",), kind, MOETE_ORDER))
            change.done.append(f"dokumenttype {meeting.model.dokumenttype} -> {kind}")
        if kind in MINUTES and meeting.model.protokollstatus is None:
            ops.append(Set(("protokollstatus",), {"status": "utkast"}, MOETE_ORDER))
            change.done.append("protokollstatus " + _("(empty)") + " -> utkast")
        if not ops:
            change.done.append(_("dokumenttype is {kind} already").format(kind=kind))
        return _meeting_change(meeting, "kvk meeting status", ops, correction, change)

    return run(repo, "kvk meeting status", plan, dry_run=dry_run)


def approve(repo: Repository, meeting_id: str, *, dato: str, av: str, dry_run: bool = False) -> Change:
    """Approve the minutes (utkast -> godkjent): by whom, on which day. From then on the record
    changes only with a correction (rettelser; kvk check --changed: KVK500-502)."""
    day = parse_date_option(dato, "--dato")
    if not av.strip():
        raise option_error("KVK101", _("--av: say who approved the minutes (a body's meeting, or names)"))

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        meeting.require_minutes(N_("approving"))
        if meeting.approved():
            line, col = meeting.file.record.locate(("protokollstatus",))
            raise _finding(Diagnostic.make("KVK702", meeting.rel, line, col,
                                           _("the minutes of {meeting} were approved on {day} already").format(
                                               meeting=meeting.id,
                                               day=meeting.model.protokollstatus.dato.isoformat()),
                                           _("to change them, record a correction: kvk meeting correct "
                                             "{meeting}").format(meeting=meeting.id)))
        if meeting.model.moetedato is not None and day < meeting.model.moetedato:
            raise option_error("KVK104", _("--dato: {day} is before the meeting ({meeting_day})").format(
                day=day.isoformat(), meeting_day=meeting.model.moetedato.isoformat()))
        errors = meeting.findings(meeting.file.record)
        if errors:
            raise _finding(errors[0], _("approved minutes cannot be changed silently: fix it first"))
        change = Change("kvk meeting approve", result={"meeting": meeting.id, "dato": day.isoformat(), "av": av})
        old = meeting.model.protokollstatus.status if meeting.model.protokollstatus else _("(empty)")
        change.done.append(f"protokollstatus {old} -> godkjent ({av}, {day.isoformat()})")
        value = {"status": "godkjent", "dato": day.isoformat(), "godkjent_av": av}
        return _meeting_change(meeting, "kvk meeting approve", [Set(("protokollstatus",), value, MOETE_ORDER)],
                               None, change, guard=False)

    return run(repo, "kvk meeting approve", plan, dry_run=dry_run)


def correct(repo: Repository, meeting_id: str, *, grunn: str, av: str, dato: str | None = None,
            endring: str | None = None, dry_run: bool = False) -> Change:
    """Record a correction (rettelse) to approved minutes: what was changed, why, by whom."""
    day = parse_date_option(dato, "--dato") if dato else date.today()
    if not grunn.strip() or not av.strip():
        raise option_error("KVK101", _("a correction needs --grunn (why) and --av (who)"))

    def plan() -> Change:
        meeting = Meeting(repo, meeting_id)
        if not meeting.approved():
            raise option_error("KVK103", _("the minutes of {meeting} are not approved; corrections are for approved "
                                           "minutes").format(meeting=meeting.id),
                               _("change minutes that are not approved freely"))
        entry = {"dato": day.isoformat(), "av": av, "grunn": grunn, "endring": endring}
        change = Change("kvk meeting correct", result={"meeting": meeting.id})
        change.done.append(_("rettelse recorded: {why} ({who}, {day})").format(why=grunn, who=av, day=day.isoformat()))
        return _meeting_change(meeting, "kvk meeting correct", [Append(("rettelser",), entry, MOETE_ORDER)],
                               None, change, guard=False)

    return run(repo, "kvk meeting correct", plan, dry_run=dry_run)
