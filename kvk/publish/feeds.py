"""Calendar feeds (RFC 5545, one per body and one for all) and an Atom feed (RFC 4287) of the
published protokoller.

Everything in them is derived from the records alone, nothing from the clock, so a feed built
twice from the same records is the same file: a UID is the meeting's id and the sender; DTSTAMP
is the date the record last changed as a document (minutes approved, document date, meeting).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timezone
from typing import Any

from .fiks import OSLO
from .source import Published

PRODID = "-//kvk//kvk publish//NO"
ATOM = "http://www.w3.org/2005/Atom"
WORDS = {"nb": {"sakskart": "Sakskart", "moete": "møte", "protokoller": "Protokoller",
                "protokoll": "Protokoll", "alle": "Alle utvalg"},
         "nn": {"sakskart": "Sakskart", "moete": "møte", "protokoller": "Protokollar",
                "protokoll": "Protokoll", "alle": "Alle utval"}}


def sender_key(pub: Published) -> str:
    """What makes the ids of one municipality differ from another's."""
    if pub.config.organisasjonsnummer:
        return pub.config.organisasjonsnummer
    return re.sub(r"[^a-z0-9]+", "-", pub.config.organisasjon.lower()).strip("-") or "kommune"


def uid(pub: Published, moete: Any) -> str:
    return f"{moete.id}@{sender_key(pub)}.kvk"


def changed(moete: Any) -> date:
    if moete.protokollstatus and moete.protokollstatus.dato:
        return moete.protokollstatus.dato
    return moete.dokumentdato or moete.moetedato


def agenda_text(pub: Published, moete: Any) -> str:
    lines = [f"{item.nr} {pub.title(item)}".strip() for item in moete.saker]
    if not lines:
        return ""
    return WORDS[pub.maalform]["sakskart"] + ":\n" + "\n".join(lines)


def event(pub: Published, moete: Any):
    from icalendar import Event

    ev = Event()
    ev.add("uid", uid(pub, moete))
    stamp = changed(moete)
    ev.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc))
    ev.add("summary", pub.plain(moete.tittel) or f"{pub.body_name(moete.utvalg)}, {WORDS[pub.maalform]['moete']}")
    if moete.start:
        ev.add("dtstart", datetime.combine(moete.moetedato, moete.start, OSLO))
        if moete.slutt:
            ev.add("dtend", datetime.combine(moete.moetedato, moete.slutt, OSLO))
    else:  # no time recorded: the whole day, not a made-up hour
        ev.add("dtstart", moete.moetedato)
    where = ", ".join(x for x in (moete.moetested, moete.rom) if x)
    if where:
        ev.add("location", where)
    text = agenda_text(pub, moete)
    if text:
        ev.add("description", text)
    ev.add("categories", [pub.body_name(moete.utvalg)])
    return ev


def calendar(pub: Published, meetings: list[Any], name: str) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    for moete in meetings:
        cal.add_component(event(pub, moete))
    cal.add_missing_timezones()
    return cal.to_ical()


def calendars(pub: Published) -> dict[str, bytes]:
    """{file: iCalendar}: kalender/<utvalg>.ics for each body, kalender/alle.ics for all."""
    out = {f"kalender/{body.id}.ics": calendar(pub, pub.meetings_of(body.id), body.navn) for body in pub.bodies()}
    out["kalender/alle.ics"] = calendar(pub, pub.meetings(), f"{pub.config.organisasjon}: {WORDS[pub.maalform]['alle']}")
    return out


def atom(pub: Published, link: str = "moter/{id}.html") -> bytes:
    """The published protokoller, newest first; each entry links to its page on the site."""
    words = WORDS[pub.maalform]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": pub.maalform})
    minutes = sorted((m for m in pub.meetings() if pub.minutes_published(m)), key=lambda m: (changed(m), m.id),
                     reverse=True)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", f"urn:kvk:{sender_key(pub)}:protokoller")
    sub(feed, "title", f"{pub.config.organisasjon}: {words['protokoller']}")
    sub(feed, "updated", stamp(changed(minutes[0])) if minutes else "1970-01-01T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", pub.config.organisasjon)
    sub(feed, "generator", "kvk")
    for m in minutes:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:kvk:{sender_key(pub)}:protokoll:{m.id}")
        sub(entry, "title", f"{words['protokoll']}: {pub.body_name(m.utvalg)} {m.moetedato.strftime('%d.%m.%Y')}")
        sub(entry, "updated", stamp(changed(m)))
        sub(entry, "link", href=link.format(id=m.id), rel="alternate", type="text/html")
        text = agenda_text(pub, m)
        if text:
            sub(entry, "summary", text)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def stamp(day: date) -> str:
    return datetime.combine(day, time(0), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
