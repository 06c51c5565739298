"""KS Fiks "Politisk behandling" V1: the three messages a municipality sends to eInnsyn.

* ``moeteplan.json``: SendMoeteplanEinnsyn, every body (utvalg) with its members and meetings;
* ``utvalgssaker/<meeting>.json``: SendUtvalgssakerEinnsyn, one per meeting, its agenda;
* ``vedtak/<meeting>.json``: SendVedtakEinnsyn, one per meeting with published minutes, the
  decisions with the roll-call votes.

Each message is validated against the published schemas (kvk/publish/fiks_schemas/, copied
unchanged) with format checking before anything is written; a message that does not fit is a
bug in this mapping (KVK602) and nothing is written. Text is public text only: a skjermet field
is left out and its skjerming carried in the standard's skjerming object.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..diagnostics import KvkError, UsageError
from ..models.common import utvalgssaksnr_parts
from .source import Published

SCHEMAS = Path(__file__).resolve().parent / "fiks_schemas"
PREFIX = "no.ks.fiks.politisk.behandling.v1."
MOETEPLAN = PREFIX + "einnsyn.moeteplan.send.schema.json"
UTVALGSSAKER = PREFIX + "einnsyn.utvalgssaker.send.schema.json"
VEDTAK = PREFIX + "einnsyn.vedtak.send.schema.json"
#: the meldingstype each message is sent as (Schema/V1/meldingstyper in the specification)
MELDINGSTYPER = {MOETEPLAN: "no.ks.fiks.politisk.behandling.v1.einnsyn.moeteplan.send",
                 UTVALGSSAKER: "no.ks.fiks.politisk.behandling.v1.einnsyn.utvalgssaker.send",
                 VEDTAK: "no.ks.fiks.politisk.behandling.v1.einnsyn.vedtak.send"}
FAGSYSTEM = "kvk"
OSLO = ZoneInfo("Europe/Oslo")
MARKDOWN = {"kodeverdi": "text/markdown", "kodebeskrivelse": "Markdown (CommonMark)"}
#: the stand-in tilgangskode where a record's skjerming names none (Noark leaves the codes to the archive)
UO = {"kodeverdi": "UO", "kodebeskrivelse": "Unntatt offentlighet"}


class MessageInvalid(KvkError):
    """A built message does not fit its schema: a bug in the mapping, never the user's records."""

    exit_code = 70


# --- the sender -------------------------------------------------------------------------------

def avsender(config: Any) -> dict:
    """The sender from kvk.yaml; KVK600 / KVK601 when a number is missing (kvk.yaml's own
    validation has already refused wrong ones with KVK013)."""
    if not config.organisasjonsnummer:
        raise UsageError.at("KVK600", "kvk.yaml", 0, 0, "kvk.yaml has no organisasjonsnummer, which a KS Fiks "
                            "message needs as its sender")
    if not config.kommunenummer:
        raise UsageError.at("KVK601", "kvk.yaml", 0, 0, "kvk.yaml has no kommunenummer, which a KS Fiks "
                            "message needs as its sender")
    return {"organisasjonsnummer": config.organisasjonsnummer, "kommunenummer": config.kommunenummer,
            "navn": config.organisasjon}


# --- shared parts -----------------------------------------------------------------------------

def when(moete: Any) -> str:
    """The meeting's start as RFC 3339 in Norwegian time (midnight when no start is recorded)."""
    return datetime.combine(moete.moetedato, moete.start or time(0), OSLO).isoformat()


def moete_ref(moete: Any, pub: Published) -> dict:
    ref = {"moeteid": moete.id, "moetedato": when(moete)}
    title = pub.plain(moete.tittel) if moete.tittel else None
    ref["tittel"] = title or f"{pub.body_name(moete.utvalg)} {moete.moetedato.isoformat()}"
    return ref


def utvalg_ref(bid: str, pub: Published) -> dict:
    return {"utvalgId": bid, "utvalgNavn": pub.body_name(bid)}


def saksnummer(moete: Any, position: int, item: Any) -> dict:
    """The body's own number of the item: 'PS 45/08' is 45 of 2008; a bare '3' is the 3rd of the
    meeting's year; anything else, or no number at all (Eventuelt), its place on the agenda."""
    nr = item.nr or ""
    try:
        _, seq, year = utvalgssaksnr_parts(" ".join(nr.split()))
        return {"saksaar": year, "sakssekvensnummer": seq}
    except ValueError:
        pass
    seq = int(nr) if nr.isdigit() else position
    return {"saksaar": moete.moetedato.year, "sakssekvensnummer": seq}


def arkivsak(saksnr: str | None) -> dict | None:
    """2009/101 -> 2009, 101; None where the item names no case (or its case number is skjermet)."""
    found = re.fullmatch(r"(\d{4})/(\d+)", saksnr or "")
    return {"saksaar": int(found[1]), "sakssekvensnummer": int(found[2])} if found else None


def skjerming(*owners: Any) -> dict | None:
    """The standard's skjerming of the first owner that has one (the item's, then its case's)."""
    for owner in owners:
        s = getattr(owner, "skjerming", None)
        if s is None:
            continue
        out = {"skjermingshjemmel": s.hjemmel,
               "tilgangsrestriksjon": {"kodeverdi": s.tilgangsrestriksjon, "kodebeskrivelse": s.hjemmel}
               if s.tilgangsrestriksjon else dict(UO)}
        if s.opphoerer:
            out["skjermingOpphoererDato"] = s.opphoerer.isoformat()
        return out
    return None


def saksansvarlig(item: Any, sak: Any, pub: Published) -> str:
    """The person responsible: the case's saksbehandler, else the item's, else its presenter;
    the standard requires the field, so an item with none of them has an empty one."""
    pid = (sak.saksbehandler if sak else None) or item.saksbehandler or item.innleder
    return pub.name(pid) if pid else ""


def ekstern(moete: Any, item: Any) -> dict:
    return {"fagsystem": FAGSYSTEM, "noekkel": f"{moete.id}/{item.nr}"}


def beskrivelse(text: str | None) -> dict | None:
    return {"tekstInnhold": text, "tekstFormat": dict(MARKDOWN)} if text else None


def _put(out: dict, key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        out[key] = value


# --- the three messages -----------------------------------------------------------------------

def moeteplan(pub: Published, sender: dict) -> dict:
    utvalg = []
    for body in pub.bodies():
        entry = utvalg_ref(body.id, pub)
        medlem = []
        for i, m in enumerate(body.medlemmer, start=1):
            row = {"medlemsId": m.person, "navn": pub.name(m.person), "rekkefoelge": i}
            _put(row, "representerer", pub.party(m.person))
            _put(row, "funksjon", m.rolle)
            _put(row, "fraDato", m.fra.isoformat() if m.fra else None)
            _put(row, "tilDato", m.til.isoformat() if m.til else None)
            medlem.append(row)  # no e-mail: a member's address is not the public's to harvest
        _put(entry, "medlem", medlem)
        _put(entry, "moete", [moete_ref(m, pub) for m in pub.meetings_of(body.id)])
        utvalg.append(entry)
    return {"avsender": sender, "utvalg": utvalg}


def utvalgssaker(pub: Published, sender: dict, moete: Any) -> dict:
    saker = []
    for position, item in enumerate(moete.saker, start=1):
        sak = pub.index.case(item.sak) if item.sak else None
        entry = {"referanseEksternNoekkel": ekstern(moete, item),
                 "utvalgetsSaksnummer": saksnummer(moete, position, item),
                 "tittel": pub.title(item),
                 "saksansvarlig": saksansvarlig(item, sak, pub)}
        _put(entry, "saksbeskrivelse", beskrivelse(pub.text(item, "tekst")))
        if sak is not None and sak.innstilling is not None:
            # the proposal is the decision to be: where the decision is skjermet, so is it
            proposal = (pub.hidden(item, "vedtak") or pub.hidden(sak, "innstilling")
                        or pub.hidden(sak.innstilling) or pub.text(sak.innstilling, "tekst"))
            _put(entry, "forslagTilVedtak", beskrivelse(proposal))
        _put(entry, "skjerming", skjerming(item, sak))
        saker.append(entry)
    out = {"moete": moete_ref(moete, pub), "utvalg": utvalg_ref(moete.utvalg, pub), "avsender": sender}
    _put(out, "sak", saker)
    return out


#: the standard's Votering.stemme is an object that must have all three keys (an enumeration as
#: its generator wrote it); kvk marks the one cast
def stemme(cast: str) -> dict:
    return {key: {"valgt": cast == value} for key, value in (("Ja", "ja"), ("Nei", "nei"), ("Blankt", "blankt"))}


def votering(item: Any, pub: Published) -> list[dict]:
    """One entry per person and vote, from the roll calls (navneopprop); counts alone name no one."""
    if not pub.votes_public(item):
        return []
    return [{"moetedeltaker": pub.name(s.person), "representerer": pub.party(s.person) or "",
             "stemme": stemme(s.stemme)}
            for v in item.votering for s in v.stemmer]


def vedtak(pub: Published, sender: dict, moete: Any) -> dict | None:
    decisions = []
    for position, item in enumerate(moete.saker, start=1):
        text = pub.vedtak(item)
        if text is None:
            continue
        sak = pub.index.case(item.sak) if item.sak else None
        entry = {"referanseEksternNoekkel": ekstern(moete, item),
                 "utvalgetsSaksnummer": saksnummer(moete, position, item),
                 "tittel": pub.title(item),
                 "vedtaksdato": (item.vedtak.dato or moete.moetedato).isoformat(),
                 "saksansvarlig": saksansvarlig(item, sak, pub)}
        _put(entry, "arkivetsSaksnummer", arkivsak(item.sak))
        if item.status:
            entry["status"] = {"kodeverdi": item.status}
        entry["vedtak"] = beskrivelse(text)
        _put(entry, "skjerming", skjerming(item, sak))
        _put(entry, "votering", votering(item, pub))
        decisions.append(entry)
    if not decisions:
        return None
    return {"moete": moete_ref(moete, pub), "utvalg": utvalg_ref(moete.utvalg, pub), "avsender": sender,
            "vedtak": decisions}


# --- validation -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def validators() -> dict[str, Any]:
    """A validator per message schema, with every schema of the folder in one registry (they
    refer to each other by file name) and format checking on (dates, RFC 3339 times)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    resources = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    checker = Draft202012Validator.FORMAT_CHECKER
    return {name: Draft202012Validator(registry.contents(name), registry=registry, format_checker=checker)
            for name in (MOETEPLAN, UTVALGSSAKER, VEDTAK)}


def problems(schema: str, message: dict) -> list[str]:
    """What is wrong with ``message`` against ``schema``: 'path: reason' lines, none if it fits."""
    found = sorted(validators()[schema].iter_errors(message), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(message)'}: {e.message}" for e in found]


# --- the export -------------------------------------------------------------------------------

def messages(pub: Published) -> list[tuple[str, str, dict]]:
    """(file, schema, message) for everything the repository publishes, each one validated."""
    sender = avsender(pub.config)
    out = [("moeteplan.json", MOETEPLAN, moeteplan(pub, sender))]
    for moete in pub.meetings():
        out.append((f"utvalgssaker/{moete.id}.json", UTVALGSSAKER, utvalgssaker(pub, sender, moete)))
        if pub.minutes_published(moete):
            decided = vedtak(pub, sender, moete)
            if decided is not None:
                out.append((f"vedtak/{moete.id}.json", VEDTAK, decided))
    for rel, schema, message in out:
        wrong = problems(schema, message)
        if wrong:
            raise MessageInvalid.at("KVK602", rel, 0, 0, f"{rel} does not fit {schema}: {wrong[0]}"
                                    + (f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""))
    return out


def dumps(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False, indent=2) + "\n"
