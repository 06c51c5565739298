"""Open data in the Popolo form (https://www.popoloproject.com/specs/): organizations (the
municipality, its bodies, the parties and groups people represent), persons, memberships,
events (meetings), motions and vote events with counts overall and by group and the individual
votes of a roll call. docs/publishing.md describes every field."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from .fiks import OSLO, when
from .source import Published

#: kvk's vote -> Popolo's option
OPTIONS = {"ja": "yes", "nei": "no", "blankt": "abstain"}
#: kvk's result -> Popolo's
RESULTS = {"vedtatt": "pass", "falt": "fail"}
MUNICIPALITY = "kommune"


def group_id(name: str) -> str:
    """'Ap' -> 'gruppe-ap'; 'Fagforbundet' -> 'gruppe-fagforbundet' (stable across runs)."""
    text = unicodedata.normalize("NFKD", name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "a"))
    return "gruppe-" + (re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-") or "x")


def organizations(pub: Published) -> list[dict]:
    top = {"id": MUNICIPALITY, "name": pub.config.organisasjon, "classification": "kommune"}
    identifiers = []
    if pub.config.organisasjonsnummer:
        identifiers.append({"scheme": "organisasjonsnummer", "identifier": pub.config.organisasjonsnummer})
    if pub.config.kommunenummer:
        identifiers.append({"scheme": "kommunenummer", "identifier": pub.config.kommunenummer})
    if identifiers:
        top["identifiers"] = identifiers
    out = [top]
    for body in pub.bodies():
        out.append({"id": body.id, "name": body.navn, "classification": body.type, "parent_id": MUNICIPALITY})
    for name, part in groups(pub).items():
        out.append({"id": group_id(name), "name": name,
                    "classification": "party" if part == "folkevalgt" else "organisation"})
    return out


def groups(pub: Published) -> dict[str, str | None]:
    """Every group a person represents (party, union), with the kind of person who does."""
    found: dict[str, str | None] = {}
    for hit in pub.index.all("people"):
        person = hit[2]
        if person.representerer:
            found.setdefault(person.representerer, person.part)
    return dict(sorted(found.items()))


def persons(pub: Published) -> list[dict]:
    # names and public roles only: no e-mail, no telephone
    out = []
    for hit in pub.index.all("people"):
        p = hit[2]
        row = {"id": p.id, "name": p.navn}
        if p.tittel:
            row["role"] = p.tittel
        out.append(row)
    return out


def memberships(pub: Published) -> list[dict]:
    out = []
    for body in pub.bodies():
        for m in body.medlemmer:
            row = {"id": f"{body.id}/{m.person}/{m.rolle}", "person_id": m.person,
                   "organization_id": body.id, "role": m.rolle}
            if m.fra:
                row["start_date"] = m.fra.isoformat()
            if m.til:
                row["end_date"] = m.til.isoformat()
            out.append(row)
    for hit in pub.index.all("people"):
        p = hit[2]
        if p.representerer:
            out.append({"id": f"{group_id(p.representerer)}/{p.id}", "person_id": p.id,
                        "organization_id": group_id(p.representerer), "role": "medlem"})
    return out


def events(pub: Published) -> list[dict]:
    out = []
    for m in pub.meetings():
        row = {"id": m.id, "name": pub.plain(m.tittel) or f"{pub.body_name(m.utvalg)} {m.moetedato.isoformat()}",
               "classification": "meeting", "organization_id": m.utvalg, "start_date": when(m)}
        if m.slutt:
            row["end_date"] = datetime.combine(m.moetedato, m.slutt, OSLO).isoformat()
        if m.moetested:
            row["location"] = m.moetested
        row["status"] = "minutes" if pub.minutes_published(m) else "agenda"
        out.append(row)
    return out


def motions_and_votes(pub: Published) -> tuple[list[dict], list[dict]]:
    """A motion for every vote of published minutes, and its vote event."""
    motions, votes = [], []
    for m in pub.meetings():
        if not pub.minutes_published(m):
            continue
        for item in m.saker:
            if not item.votering or not pub.votes_public(item):
                continue
            proposals = {f.id: f for f in item.forslag if f.id}
            for n, v in enumerate(item.votering, start=1):
                vid = f"{m.id}/{item.nr}/{n}"
                motions.append(motion(pub, m, item, v, proposals, vid))
                votes.append(vote_event(pub, m, item, v, vid))
    return motions, votes


def motion(pub: Published, m: Any, item: Any, v: Any, proposals: dict, vid: str) -> dict:
    forslag = proposals.get(v.over) if v.over else None
    row = {"id": vid, "organization_id": m.utvalg, "legislative_session_id": m.id,
           "text": pub.title(item), "classification": (forslag.type if forslag and forslag.type else "innstilling")}
    if forslag is not None:
        hidden = pub.hidden(item, "forslag")
        row["text"] = hidden or pub.plain(forslag.tekst) or row["text"]
        if forslag.fremmet_av:
            row["creator_id"] = forslag.fremmet_av
    if v.resultat:
        row["result"] = RESULTS[v.resultat]
    return row


def vote_event(pub: Published, m: Any, item: Any, v: Any, vid: str) -> dict:
    row: dict = {"id": vid, "motion_id": vid, "organization_id": m.utvalg, "legislative_session_id": m.id,
                 "start_date": when(m)}
    if v.resultat:
        row["result"] = RESULTS[v.resultat]
    counts = []
    for option, value in (("yes", v.for_), ("no", v.mot), ("abstain", v.blankt)):
        if value is not None:
            counts.append({"option": option, "value": value})
    by_group: dict[tuple[str, str], int] = {}
    for s in v.stemmer:
        party = pub.party(s.person)
        if party:
            key = (group_id(party), OPTIONS[s.stemme])
            by_group[key] = by_group.get(key, 0) + 1
    counts += [{"option": option, "value": n, "group_id": g} for (g, option), n in sorted(by_group.items())]
    row["counts"] = counts
    if v.stemmer:
        row["votes"] = [{"voter_id": s.person, "option": OPTIONS[s.stemme],
                         **({"group_id": group_id(pub.party(s.person))} if pub.party(s.person) else {})}
                        for s in v.stemmer]
    return row


def popolo(pub: Published) -> dict:
    motions, votes = motions_and_votes(pub)
    return {"organizations": organizations(pub), "persons": persons(pub), "memberships": memberships(pub),
            "events": events(pub), "motions": motions, "vote_events": votes}
