"""Records -> view models: plain dicts and lists shaped like the documents, with every label
already in the right målform.

In the public variant the records arrive redacted (``kvk.render.redact.public_record``): exempt
text is already the marker. What is left here is structure: a skjermet list or object is shown
as one marker line (``ctx.red.hidden``), and the internal variant unwraps spans (``ctx.red.text``).

Templates see only what is built here. Names of people and bodies are looked up in the index;
an unknown id (which ``kvk check`` reports) is printed as the id rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import formats
from . import people as persons
from .redact import Redactor

#: where a saksframlegg prints the innstilling
PLACEMENTS = {"topp": (True, False), "slutt": (False, True), "begge": (True, True)}


@dataclass
class Context:
    """What a view needs besides the record itself."""

    index: Any  # kvk.repository.Index
    organisasjon: str  # kvk.yaml's organisation, the letterhead of last resort
    innstilling_plassering: str = "slutt"
    maalform: str = "nb"
    public: bool = False
    profile: Any = None  # kvk.render.profile.Profile; None: the kvk preset
    body_id: str | None = None  # the meeting's body, while a meeting's view is built
    case: Any = None  # the case, while a saksframlegg's view is built
    profiles: Any = None  # kvk.render.profile.Profiles: the named profiles of other bodies
    profile_name: str | None = None  # the named profile in use; None: the repository's own

    def __post_init__(self) -> None:
        self.red = Redactor(self.public, self.maalform)
        if self.profile is None:
            from .profile import Profile

            self.profile = Profile.of(None)

    def t(self, key: str, **values: Any) -> str:
        return self.profile.t(key, self.maalform, **values)

    def for_meeting(self, m: Any) -> "Context":
        """A context for the document of meeting ``m`` inside this one (an attached protokoll):
        its body's profile and målform when the body names them, its own målform when the
        record states one, else this document's."""
        name = self.profiles.name_of(self.index, m.utvalg) if self.profiles is not None else self.profile_name
        profile = self.profiles.get(name) if self.profiles is not None else self.profile
        body = self.index.body(m.utvalg)
        maalform = getattr(m, "maalform", None) or getattr(body, "maalform", None) or self.maalform
        return Context(index=self.index, organisasjon=self.organisasjon,
                       innstilling_plassering=profile.get("saksframlegg", "innstilling_plassering"),
                       maalform=maalform, public=self.public, profile=profile, profiles=self.profiles,
                       profile_name=name)

    def phrase(self, key: str, **values: Any) -> str | None:
        return self.profile.phrase(key, self.maalform, **values)

    def fmt(self, role: str) -> Any:
        return self.profile.fmt(role)

    def heading(self, key: str, text: str | None = None, upper: bool = False) -> str:
        """A heading as printed from label ``key`` (or ``text``, that label's value): kvk's own
        with a colon (in capitals when ``upper``), the profile's override as written."""
        text = self.t(key) if text is None else text
        if self.profile.overrides(key, self.maalform):
            return text
        return f"{text.upper() if upper else text}:"

    def person(self, pid: str | None) -> str | None:
        if pid is None:
            return None
        person = self.index.person(pid)
        return person.navn if person else pid

    def person_with_party(self, pid: str | None) -> str | None:
        person = self.index.person(pid) if pid else None
        if person and person.representerer:
            return f"{person.navn} ({person.representerer})"
        return self.person(pid)

    def body(self, bid: str | None) -> str | None:
        if bid is None:
            return None
        body = self.index.body(bid)
        return body.navn if body else bid

    def genitive(self, bid: str | None) -> str:
        """The body's possessive as the organisation file gives it ("Formannskapets"), else its
        name with an s."""
        body = self.index.body(bid) if bid else None
        if body is not None and getattr(body, "genitiv", None):
            return body.genitiv
        name = self.body(bid) or ""
        return name if not name or name.endswith("s") else f"{name}s"

    def letterhead(self, bid: str | None) -> str:
        body = self.index.body(bid) if bid else None
        return (body.organisasjon if body and body.organisasjon else None) or self.organisasjon


def item_ref(nr: str, ctx: Context) -> str:
    """'1' -> 'Sak 1'; 'PS 45/08' stays as it is."""
    return f"{ctx.t('sak')} {nr}" if nr[:1].isdigit() else nr


def item_ref_inline(nr: str, ctx: Context) -> str:
    """The same inside a sentence: 'sak 1', 'PS 45/08'."""
    return f"{ctx.t('sak').lower()} {nr}" if nr[:1].isdigit() else nr


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _in_sentence(name: str) -> str:
    """A body's name inside a sentence: "Formannskapet" -> "formannskapet", but a name of several
    words keeps its capitals ("Bjugn formannskap", "Utvalg for kultur"): it is a proper noun
    whose first word may be a place."""
    return _lower_first(name) if name and " " not in name.strip() else name


def item_heading(nr: str | None, tittel: str | None, ctx: Context) -> str | None:
    """The item's heading by the profile's ``sak.overskrift`` ("{nr}: {tittel}"); a part that is
    not stated leaves out its separator, and an item with neither has no heading."""
    pattern = ctx.profile.get("sak", "overskrift")
    nr = nr or None
    tittel = tittel or None
    if (nr is None and tittel is None) or not pattern:  # "": no heading (a head row says it, 08)
        return None
    if nr is None or tittel is None:
        return nr or tittel
    return pattern.format(nr=nr, tittel=tittel)


def item_number(p: Any, position: int, ctx: Context) -> str:
    """The item's number as printed in a heading: as recorded (formatted by the profile) or
    running (1, 2, 3 …)."""
    if ctx.profile.get("sak", "nummerering") == "loepende":
        return item_ref(str(position + 1), ctx)
    return _formatted_ref(p.nr, "overskrift", ctx)


def _formatted_ref(raw: str | None, role: str, ctx: Context) -> str:
    """The number in the profile's format for ``role``; with no format for it, "Sak " before
    it when the record writes a bare number (as kvk always has), not when it writes a prefix
    ("PS 30/09"). A format says itself whether a word stands before the number ("[Sak] n/yy")."""
    if not raw:
        return ""
    pattern = ctx.fmt("utvalgssaksnr")[role]
    text = formats.fmt_item_nr(raw, pattern)
    if pattern is not None:
        return text
    return f"{ctx.t('sak')} {text}" if raw[:1].isdigit() and not text.startswith(ctx.t("sak")) else text


def number_parts(raw: str | None) -> dict | None:
    if not raw:
        return None
    n = formats.parse_number(raw, year_first=False)
    return {"tekst": n.tekst, "prefiks": n.prefiks, "loepenr": n.loepenr, "aar": n.aar}


# --- the innstilling and a behandling (shared by all three documents) -----------------------

def innstilling_view(sak: Any, ctx: Context) -> dict | None:
    inn = sak.innstilling
    if inn is None:
        return None
    if inn.fra == "utvalg":
        key = f"utvalg_{inn.type}"
        heading = ctx.t(key, utvalg=ctx.body(inn.utvalg) or "", utvalg_genitiv=ctx.genitive(inn.utvalg))
    else:
        key = f"{inn.fra or 'ingen'}_{inn.type}"
        heading = ctx.t(key)
    marker = ctx.red.hidden(sak, "innstilling") or ctx.red.hidden(inn)
    return {"overskrift": heading, "overskrift_tekst": ctx.heading(key, heading),
            "tekst": marker or _shown(ctx, [(sak, "innstilling"), (inn, None)], ctx.red.text(inn.tekst))}


def _shown(ctx: Context, owners: list[tuple[Any, str | None]], value: str | None) -> str | None:
    """An internal copy's text of an object skjermet through any of ``owners`` (object, field):
    marked as an exempt part. The public variant never gets here (the marker replaced it)."""
    for owner, field in owners:
        exempt, hjemmel = ctx.red.exempt(owner, field)
        if exempt:
            return ctx.red.mark(value, hjemmel)
    return value


def _stemmer_word(n: int, ctx: Context) -> str:
    """Number agreement with the last count: "4 mot 1 stemme", "4 mot 3 stemmer"."""
    return ctx.t("stemme" if n == 1 else "stemmer")


class _Counts:
    """A vote with its counts taken from the roll call when the record gives only the roll call."""

    def __init__(self, v: Any):
        self.resultat, self.enstemmig = v.resultat, v.enstemmig
        tally = {"ja": 0, "nei": 0, "blankt": 0}
        for s in v.stemmer:
            tally[s.stemme] += 1
        self.for_ = v.for_ if v.for_ is not None else (tally["ja"] if v.stemmer else None)
        self.mot = v.mot if v.mot is not None else (tally["nei"] if v.stemmer else None)
        self.blankt = v.blankt if v.blankt is not None else (tally["blankt"] or None if v.stemmer else None)


def _passed(v: Any) -> bool:
    return v.resultat == "vedtatt" or (v.resultat is None and (v.for_ or 0) > (v.mot or 0))


def _vote_sentence(v: Any, over: str, ctx: Context) -> str:
    if v.enstemmig and v.resultat != "falt":
        text = ctx.phrase("enstemmig_vedtatt", over=over)
    elif v.for_ is not None and v.mot is not None:
        text = ctx.phrase("vedtatt_med" if _passed(v) else "falt_med", over=over, for_=v.for_, mot=v.mot,
                          stemmer=_stemmer_word(v.mot, ctx))
    elif v.resultat:
        text = ctx.phrase("vedtatt" if v.resultat == "vedtatt" else "falt", over=over)
    else:
        text = ""
    if v.blankt:
        text = f"{text} {ctx.t('blanke', n=v.blankt)}".strip()
    return text


def _natural_sentence(v: Any, over: str, minority: list[dict], ctx: Context) -> str:
    """"Ved votering ble ordførerens forslag enstemmig vedtatt.", "… vedtatt med 20 mot 7
    stemmer (H, FrP)." — the parties in brackets are the losing side's."""
    parties = f" ({', '.join(e['tekst'] for e in minority)})" if minority else ""
    if v.enstemmig and v.resultat != "falt":
        text = ctx.phrase("votering_enstemmig", over=over)
    elif v.for_ is not None and v.mot is not None:
        key = "votering_vedtatt_med" if _passed(v) else "votering_falt_med"
        text = ctx.phrase(key, over=over, for_=v.for_, mot=v.mot, stemmer=_stemmer_word(v.mot, ctx), partier=parties)
    elif v.resultat:
        text = ctx.phrase("votering_vedtatt" if v.resultat == "vedtatt" else "votering_falt", over=over)
    else:
        return ""
    if v.blankt:
        text = f"{text} {ctx.t('blanke', n=v.blankt)}."
    return text


def proposal_name(over: str | None, owner: Any, ctx: Context, body: str | None = None) -> str | None:
    """The natural name of what a vote is over: "innstillingen", "ordførerens forslag",
    "forslaget fra Ola Dahl (FrP)"."""
    if over is None:
        return None
    if over == "innstillingen":
        return ctx.t("innstillingen")
    for f in getattr(owner, "forslag", []):
        if f.id == over and f.fremmet_av:
            p = persons.person(f.fremmet_av, ctx, body)
            role = (p.get("funksjon") or {}).get("kode")
            if role in ("ordfoerer", "leder"):
                return ctx.t(f"forslag_{role}")
            party = persons.party_of(p)
            return ctx.t("forslag_fra", navn=p["navn"]) + (f" ({party})" if party else "")
    return ctx.t("forslag_id", id=over)


def votering_view(v: Any, ctx: Context, owner: Any = None, body: str | None = None) -> dict:
    if v.over is None:
        over = None
    elif v.over == "innstillingen":
        over = ctx.t("innstillingen")
    else:
        over = ctx.t("forslag_id", id=v.over)
    stemmer: dict[str, list] = {"ja": [], "nei": [], "blankt": []}
    for s in v.stemmer:
        stemmer[s.stemme].append(persons.person(s.person, ctx, body))
    partier = persons.stated_party_votes(v, ctx) or (persons.party_votes(stemmer, ctx) if v.stemmer else None)
    navn = proposal_name(v.over, owner, ctx, body) or ctx.t("forslaget")
    minority = (partier or {}).get("nei" if _passed(v) else "ja", []) if partier else []
    return {
        "over": ctx.t("votering_over", hva=over) if over else None,
        "over_id": v.over,
        "kl": v.kl,
        "over_navn": navn,
        "resultat": _vote_sentence(v, navn, ctx),
        "setning": _natural_sentence(_Counts(v), navn, minority, ctx),
        "vedtatt": _passed(v) if (v.resultat or v.for_ is not None or v.enstemmig) else None,
        "enstemmig": bool(v.enstemmig),
        "antall": {"for": v.for_, "mot": v.mot, "blankt": v.blankt},
        "mindretall": v.mindretall,
        "stemmer": stemmer,
        "partier": partier,
        "for": stemmer["ja"], "mot": stemmer["nei"], "blankt": stemmer["blankt"],
    }


def forslag_view(f: Any, ctx: Context, body: str | None = None) -> dict:
    kind = ctx.t(f"forslagtype_{f.type}") if f.type else ctx.t("forslag")
    heading = f"{kind} {f.id}" if f.id else kind
    fremmet_av = persons.person(f.fremmet_av, ctx, body) if f.fremmet_av else None
    if fremmet_av is not None:
        party = fremmet_av["representerer"]
        heading += f" {ctx.t('fra')} {fremmet_av['navn']}" + (f" ({party})" if party else "")
    if f.paa_vegne_av:
        heading += f" {ctx.t('paa_vegne_av', hvem=f.paa_vegne_av)}"
    tekst = ctx.red.text(f.tekst)
    # the profile's sentence for a proposal ("{fremmet_av} fremmet forslag om at {tekst}", 01), else None
    setning = ctx.phrase("forslag_setning", overskrift=heading, tekst=(tekst or "").strip(),
                         fremmet_av=fremmet_av["navn"] if fremmet_av else "")
    return {"overskrift": heading, "id": f.id, "type": f.type, "type_navn": kind, "fremmet_av": fremmet_av,
            "paa_vegne_av": f.paa_vegne_av, "tekst": tekst, "setning": setning}


def _vedtak_text(b: Any, case: Any, ctx: Context) -> str | None:
    """The vedtak's text, or the adopted proposal's when the vedtak names it (``som``): the
    innstilling (the item's own, else its case's) or a forslag of the item."""
    v = b.vedtak
    som = getattr(v, "som", None)
    if v.tekst or not som:
        return v.tekst
    if som == "innstillingen":
        own = getattr(b, "innstilling", None)
        if own is not None:
            return ctx.red.hidden(b, "innstilling") or own.tekst
        if case is not None and case.innstilling is not None:
            return ctx.red.hidden(case, "innstilling") or ctx.red.hidden(case.innstilling) or case.innstilling.tekst
        return None
    for f in b.forslag:
        if f.id == som:
            return f.tekst
    return None


def behandling_view(b: Any, ctx: Context, case: Any = None) -> dict:
    """The treatment part shared by a case's behandling and a meeting's agenda item."""
    red = ctx.red
    view: dict[str, Any] = {"behandling": red.text(b.behandling)}
    marker = red.hidden(b, "forslag")
    body = getattr(b, "utvalg", None) or ctx.body_id
    view["forslag"] = ([{"overskrift": ctx.t("forslag"), "id": None, "type": None, "type_navn": None,
                         "fremmet_av": None, "paa_vegne_av": None, "tekst": marker, "setning": None}] if marker
                       else [_marked(_marked(forslag_view(f, ctx, body), "tekst", ctx, (b, "forslag"), (f, None), (f, "tekst")),
                                     "setning", ctx, (b, "forslag"), (f, None), (f, "tekst")) for f in b.forslag])
    # the record says no proposal was made ("forslag: ingen"): the sentence that says so
    said_none = not marker and hasattr(b, "ingen") and b.ingen("forslag")
    view["ingen_forslag"] = (ctx.phrase("ingen_forslag") or None) if said_none else None
    marker = red.hidden(b, "votering")
    view["votering"] = ([_hidden_vote(marker)] if marker and b.votering
                        else [_marked(_marked(votering_view(v, ctx, b, body), "setning", ctx, (b, "votering"), (v, None)),
                                      "resultat", ctx, (b, "votering"), (v, None)) for v in b.votering])
    if b.vedtak is None:
        view["vedtak"] = None
        view["vedtak_type"] = None
        view["vedtak_overskrift"] = None
        view["vedtak_overskrift_tekst"] = None
    else:
        view["vedtak"] = red.field(b, "vedtak", _vedtak_text(b, case, ctx))
        view["vedtak_type"] = b.vedtak.type
        # a tilråding is a recommendation to the next body, not a decision: not "VEDTAK:"
        key = "tilraading" if b.vedtak.type == "tilraading" else "vedtak"
        view["vedtak_overskrift"] = ctx.t(key, utvalg=ctx.body(body) or "", utvalg_genitiv=ctx.genitive(body))
        view["vedtak_overskrift_tekst"] = ctx.heading(key, view["vedtak_overskrift"], upper=True)
    status = ctx.t(f"status_{b.status}") if b.status in ("UT", "TB") else None
    view["status"] = red.field(b, "status", status) if status else None
    return view


def _marked(view: dict, key: str, ctx: Context, *owners: tuple[Any, str | None]) -> dict:
    """``view[key]`` marked when any of ``owners`` (object, field; field None: the whole object)
    is skjermet: the list the entry belongs to, or the entry itself."""
    view[key] = _shown(ctx, list(owners), view[key])
    return view


def _hidden_vote(marker: str) -> dict:
    return {"over": None, "over_id": None, "over_navn": None, "resultat": marker, "setning": marker,
            "vedtatt": None, "enstemmig": False, "antall": {"for": None, "mot": None, "blankt": None},
            "mindretall": None, "stemmer": {"ja": [], "nei": [], "blankt": []}, "partier": None,
            "for": [], "mot": [], "blankt": []}


def case_behandling_view(b: Any, ctx: Context) -> dict:
    heading = ctx.t("behandling_i", utvalg=ctx.body(b.utvalg), dato=_dato(b.moetedato), nr=b.utvalgssaksnr or "",
                    utvalg_genitiv=ctx.genitive(b.utvalg)).strip()
    if b.utvalgssaksnr and not ctx.profile.overrides("behandling_i", ctx.maalform):
        heading = f"{heading}, {b.utvalgssaksnr}"  # an override says where the number stands
    marker = ctx.red.hidden(b)
    if marker:
        return {"overskrift": heading, "skjermet": marker, **_empty_behandling()}
    return {"overskrift": heading, "skjermet": None, **behandling_view(b, ctx, ctx.case)}


def _empty_behandling() -> dict:
    return {"behandling": None, "forslag": [], "ingen_forslag": None, "votering": [], "vedtak": None, "vedtak_type": None,
            "vedtak_overskrift": None, "vedtak_overskrift_tekst": None, "status": None}


def _dato(d: Any) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}" if d is not None else ""


# --- head rows (a profile's {felt, etikett, format, tom, versaler} in a block list) ---------------

def resolve_blocks(blokker: list, values: dict[str, tuple[str | None, str | None]], ctx: Context) -> list:
    """A block list with its head rows resolved: a block name stays, a head row becomes
    {felt, etikett, verdi} — or is left out when its value is not stated and its ``tom`` is
    not ``vis``. ``values`` maps each field to (as printed alone, as printed inside a format:
    a time without its "kl. ")."""
    out = []
    for entry in blokker:
        if isinstance(entry, str):
            out.append(entry)
            continue
        if "tabell" in entry:  # a small table: its labels, then one row of values
            out.append({"tabell": {"overskrifter": list(entry["etiketter"]),
                                   "celler": [values.get(f, (None, None))[0] or "" for f in entry["tabell"]]}})
            continue
        if "skjemafelt" in entry:  # a form's head column by column: the labels, then the values
            rows = [r for r in (head_row(e, values, ctx) for e in entry["skjemafelt"]) if r is not None]
            out.append({"skjemafelt": {"etiketter": [r["etikett"] for r in rows if r["etikett"]],
                                       "verdier": [r["verdi"] for r in rows if r["verdi"]]}})
            continue
        row = head_row(entry, values, ctx)
        if row is not None:
            out.append(row)
    return out


def head_row(entry: dict, values: dict[str, tuple[str | None, str | None]], ctx: Context) -> dict | None:
    import re

    felt, pattern = entry.get("felt"), entry.get("format")
    if felt is None:  # a label alone on its line: a heading inside the block list ("Behandling", 16)
        return {"felt": None, "etikett": entry.get("etikett"), "verdi": ""}
    alone, _ = values.get(felt, (None, None))
    if pattern is not None:
        slots = re.findall(r"\{([^{}]*)\}", pattern)
        given = {slot: _slot_value(slot, values, ctx) for slot in slots}
        stated = any(v for v in given.values())
        text = re.sub(r"\{([^{}]*)\}", lambda m: given.get(m.group(1)) or "", pattern)
        text = " ".join(text.split())  # a blank slot leaves no double space
    else:
        stated, text = bool(alone), alone or ""
    if not stated and entry.get("tom") != "vis":
        return None
    if entry.get("versaler"):
        text = text.upper()
    return {"felt": felt, "etikett": entry.get("etikett"), "verdi": text}


def _slot_value(slot: str, values: dict, ctx: Context) -> str | None:
    """A format's slot: the value as printed inside a format, or a date or time of the record
    in the slot's own pattern ("{start:HH:MM:SS}")."""
    name, _, pattern = slot.partition(":")
    if not pattern:
        return values.get(name, (None, None))[1]
    raw = (values.get("__raw__") or {}).get(name)
    if raw is None:
        return None
    if name in ("start", "slutt"):
        return formats.fmt_time(raw, pattern)
    return formats.fmt_date(raw, pattern, ctx.maalform)


def _meeting_values(view: dict, m: Any, ctx: Context, date_role: str) -> dict[str, tuple[str | None, str | None]]:
    from .environment import tidsrom

    red = ctx.red
    prefix = ctx.fmt("klokkeslett_prefiks")
    pattern = ctx.fmt("klokkeslett")

    def both(text: str | None) -> tuple[str | None, str | None]:
        return text, text

    def clock(t: Any) -> tuple[str | None, str | None]:
        bare = formats.fmt_time(t, pattern) if t is not None else None
        return (f"{prefix}{bare}" if bare else None), bare

    start, slutt = view.get("start"), view.get("slutt")
    span = tidsrom(ctx.profile, start, slutt) or None
    place = view.get("moetested")
    if place and view.get("rom"):
        place = f"{place}, {view['rom']}"
    d = view.get("moetedato")
    date_text = formats.fmt_date(d, ctx.fmt(date_role), ctx.maalform) if d is not None else None
    values = {
        "organisasjon": both(view.get("organisasjon")),
        "dokumentnavn": both(view.get("dokumentnavn")),
        "utvalg": both(view.get("utvalg")),
        "tittel": both(view.get("tittel")),
        "moetedato": both(date_text),
        "start": clock(start), "slutt": clock(slutt),
        "tidsrom": (span, span[len(prefix):] if span and span.startswith(prefix) else span),
        # alone, the place with its room; inside a format, the place only ("{moetested} {rom}", 11)
        "moetested": (place, view.get("moetested")), "rom": both(view.get("rom")),
        "moetenummer": both(view.get("moetenummer")),
        "arkivsak": both(None if red.hidden(m, "arkivsak") or not getattr(m, "arkivsak", None)
                         else formats.fmt_saksnr(str(m.arkivsak), ctx.fmt("saksnr"))),
        "saksnr_spenn": both(None if red.hidden(m, "saksnr_spenn") else red.text(getattr(m, "saksnr_spenn", None))),
        "moeteleder": both(None if red.hidden(m, "moeteleder") else ctx.person(getattr(m, "moeteleder", None))),
        # the meeting's referent, also when the minutes name them where they sign
        "referent": both(None if red.hidden(m, "referent") else ctx.person(getattr(m, "referent", None))),
        "merknader": both("; ".join(view.get("merknader") or []) or None),  # the minutes' remarks, in one row
        # who is chosen to sign the protokoll, and who signs it, in one row ("Underskrifter: Anders Ryssdal", 06)
        "underskrivere": both(", ".join(p["navn"] for p in view.get("underskrivere") or []) or None),
        "signatur": both(", ".join(s["navn"] for s in view.get("signatur") or [] if s.get("navn")) or None),
        # the administration's participants, "{stilling} {navn}" one a line ("Rådmann Jan Kåre Fure", 06)
        "administrasjon": both("\n".join(" ".join(x for x in (p.get("stilling"), p["navn"]) if x)
                                         for p in view.get("fra_administrasjonen") or []) or None),
        "dokumenter_utdelt": both("\n".join(view.get("dokumenter_utdelt") or []) or None),
        "__raw__": {"moetedato": d, "start": start, "slutt": slutt},  # for a slot's own pattern
    }
    other = getattr(m, "andre_opplysninger", None) or {}
    marker = red.hidden(m, "andre_opplysninger")
    for key, text in other.items():
        values[f"andre.{key}"] = both(marker or red.text(text))
    return values


# --- saksframlegg -----------------------------------------------------------------------------

def case_view(sak: Any, ctx: Context) -> dict:
    red = ctx.red
    ctx.case = sak
    first_body = sak.saksgang[0].utvalg if sak.saksgang else None
    view: dict[str, Any] = {
        "saksnr": sak.saksnr if sak.vis_saksnr else None,
        "dokumenttype": ctx.t(sak.dokumenttype or "saksframlegg"),
        "organisasjon": ctx.letterhead(first_body),
        "blokker": list(ctx.profile.get("saksframlegg", "blokker")),
    }
    marker = red.hidden(sak)
    if marker:  # a skjermet case keeps only its number and public title
        view.update(_empty_case(), skjermet=marker, tittel=sak.offentlig_tittel or marker)
        return view
    view["skjermet"] = None
    view["organisasjon"] = red.text(sak.organisasjon) or view["organisasjon"]
    view["tittel"] = (sak.offentlig_tittel or red.hidden(sak, "tittel")) if red.hidden(sak, "tittel") \
        else _shown(ctx, [(sak, "tittel")], red.text(sak.tittel))
    view["administrativ_enhet"] = red.text(sak.administrativ_enhet)
    view["saksbehandler"] = red.text(ctx.person(sak.saksbehandler))
    view["arkivkode"] = red.text(sak.arkivkode)
    view["dato"] = sak.dato
    view["avgjoeres_av"] = red.text(ctx.body(sak.avgjoeres_av))
    view["klageadgang"] = red.text(sak.klageadgang)

    marker = red.hidden(sak, "saksgang")
    view["saksgang"] = ([{"utvalgssaksnr": "", "utvalg": marker, "moetedato": None}] if marker else [
        {"utvalgssaksnr": g.utvalgssaksnr or "", "utvalg": ctx.body(g.utvalg), "moetedato": g.moetedato}
        for g in sak.saksgang])
    view["felt"] = _case_head(view, sak, ctx)
    view["blokker"] = _case_blocks(view, sak, ctx)
    marker = red.hidden(sak, "vedlegg")
    view["vedlegg"] = ([{"nr": None, "tittel": marker, "dato": None}] if marker and sak.vedlegg
                       else [_marked(_vedlegg(v, ctx), "tittel", ctx, (sak, "vedlegg"), (v, None), (v, "tittel")) for v in sak.vedlegg])
    view["ingen_vedlegg"] = _none_attached(sak, marker, ctx)
    marker = red.hidden(sak, "andre_saksdokumenter")
    view["andre_saksdokumenter"] = ([marker] if marker and sak.andre_saksdokumenter
                                    else [_shown(ctx, [(sak, "andre_saksdokumenter")], red.text(d))
                                          for d in sak.andre_saksdokumenter])
    marker = red.hidden(sak, "seksjoner")
    view["seksjoner"] = ([{"overskrift": None, "overskrift_tekst": None, "tekst": marker}] if marker and sak.seksjoner
                         else [_marked(_seksjon(s, ctx), "tekst", ctx, (sak, "seksjoner"), (s, None), (s, "tekst"))
                               for s in sak.seksjoner])
    view["innstilling"] = innstilling_view(sak, ctx)
    top, end = PLACEMENTS[ctx.innstilling_plassering]
    view["innstilling_topp"], view["innstilling_slutt"] = top, end
    marker = red.hidden(sak, "behandlinger")
    treatments = _treatments(sak, ctx)
    view["behandlinger"] = (
        [{"overskrift": ctx.t("behandling"), "skjermet": marker, **_empty_behandling()}]
        if marker and treatments else [b for _, b in treatments])
    return view


def _treatments(sak: Any, ctx: Context) -> list[tuple[Any, dict]]:
    """The case's behandlinger, in date order: each meeting item in the index that treats this
    case (the vedtak lives there), and the case's own behandlinger for meetings that are not
    records. Where both exist for one body and date, the meeting's item is shown."""
    from_meetings = []
    every = getattr(ctx.index, "all", None)  # an index made for one case alone may hold no meetings
    for hit in (every("meetings") if every else []):
        m = hit.model
        for item in getattr(m, "saker", []):
            if item.sak == sak.saksnr and _treated(item):
                from_meetings.append((m.moetedato, _meeting_treatment(m, item, ctx), (m.utvalg, m.moetedato)))
    seen = {key for _, _, key in from_meetings}
    own = [(b.moetedato, case_behandling_view(b, ctx), None) for b in sak.behandlinger
           if (b.utvalg, b.moetedato) not in seen]
    # a treatment whose date is not stated keeps its place after the dated ones
    return [(d, v) for d, v, _ in sorted(own + from_meetings, key=lambda x: (x[0] is None, x[0] or 0))]


def _treated(item: Any) -> bool:
    return bool(item.vedtak or item.votering or item.forslag or item.behandling or item.status)


def _meeting_treatment(m: Any, item: Any, ctx: Context) -> dict:
    heading = ctx.t("behandling_i", utvalg=ctx.body(m.utvalg), dato=_dato(m.moetedato), nr=item.nr or "",
                    utvalg_genitiv=ctx.genitive(m.utvalg)).strip()
    if item.nr and not ctx.profile.overrides("behandling_i", ctx.maalform):
        heading = f"{heading}, {item.nr}"
    marker = ctx.red.hidden(m) or ctx.red.hidden(m, "saker") or ctx.red.hidden(item)
    if marker:
        return {"overskrift": heading, "skjermet": marker, **_empty_behandling()}
    ctx.body_id = m.utvalg  # the people of the treatment are that body's
    try:
        return {"overskrift": heading, "skjermet": None, **behandling_view(item, ctx, ctx.index.case(item.sak))}
    finally:
        ctx.body_id = None


def _case_values(view: dict, sak: Any, ctx: Context) -> dict[str, tuple[str | None, str | None]]:
    """What a saksframlegg's head row can print (profile ``saksframlegg.felt``)."""
    saksnr = formats.fmt_saksnr(view["saksnr"], ctx.fmt("saksnr")) if view.get("saksnr") else None
    if saksnr and getattr(sak, "dokumentnr", None):
        saksnr = f"{saksnr}-{sak.dokumentnr}"
    first = (view.get("saksgang") or [None])[0] or {}
    d = view.get("dato")
    meeting_day = first.get("moetedato")
    skjerming = getattr(sak, "skjerming", None)
    values = {
        "organisasjon": view.get("organisasjon"), "dokumentnavn": view.get("dokumenttype"),
        "sak_overskrift": view.get("sak_overskrift"), "sak_nr": view.get("sak_nr"),
        "sak_type": view.get("sak_type"), "tittel": view.get("tittel"),
        "saksnr": saksnr, "arkivsaksnr": saksnr, "arkivkode": view.get("arkivkode"),
        "saksbehandler": view.get("saksbehandler"),
        "dato": formats.fmt_date(d, ctx.fmt("dato"), ctx.maalform) if d else None,
        "utvalg": first.get("utvalg"),
        "moetedato": formats.fmt_date(meeting_day, ctx.fmt("dato"), ctx.maalform) if meeting_day else None,
        "avgjoeres_av": view.get("avgjoeres_av"),
        "gradering": ctx.t("unntatt", hjemmel=skjerming.hjemmel) if skjerming else None,
        "objekt": ctx.red.field(sak, "objekt", ctx.red.text(sak.objekt)) if getattr(sak, "objekt", None) else None,
    }
    return {k: (v, v) for k, v in values.items()}


def _case_blocks(view: dict, sak: Any, ctx: Context) -> list:
    """``saksframlegg.blokker`` with its head rows resolved."""
    blokker = list(ctx.profile.get("saksframlegg", "blokker"))
    if all(isinstance(b, str) for b in blokker):
        return blokker
    return resolve_blocks(blokker, _case_values(view, sak, ctx), ctx)


def _case_head(view: dict, sak: Any, ctx: Context) -> list[dict]:
    """The saksframlegg's header rows, as the profile's ``saksframlegg.felt`` orders them:
    {felt, etikett, etikett_tekst, verdi} (``etikett_tekst`` as printed: kvk's label with a
    colon, a head row's own as written, None for a value alone on its line)."""
    rows = []
    values = None
    for name in ctx.profile.get("saksframlegg", "felt"):
        if not isinstance(name, str):
            values = values or _case_values(view, sak, ctx)
            row = head_row(name, values, ctx)
            if row is not None:
                rows.append({**row, "etikett_tekst": row["etikett"]})
            continue
        if name == "saksbehandler":
            value = view["saksbehandler"]
            if value and view["administrativ_enhet"]:
                value = f"{value}, {view['administrativ_enhet']}"
        elif name == "arkivkode":
            value = view["arkivkode"]
        elif name == "arkivsaksnr":
            value = formats.fmt_saksnr(view["saksnr"], ctx.fmt("saksnr")) if view["saksnr"] else None
        elif name == "dato":
            value = formats.fmt_date(view["dato"], ctx.fmt("dato"), ctx.maalform) if view["dato"] else None
        else:  # gradering
            value = ctx.t("unntatt", hjemmel=sak.skjerming.hjemmel) if sak.skjerming else None
        if value:
            rows.append({"felt": name, "etikett": ctx.t(name), "etikett_tekst": f"{ctx.t(name)}:", "verdi": value})
    return rows


def _empty_case() -> dict:
    return {"felt": [], "administrativ_enhet": None, "saksbehandler": None, "arkivkode": None, "dato": None,
            "avgjoeres_av": None, "klageadgang": None, "saksgang": [], "vedlegg": [], "ingen_vedlegg": None,
            "andre_saksdokumenter": [], "seksjoner": [], "innstilling": None, "innstilling_topp": False,
            "innstilling_slutt": False, "behandlinger": []}


def _none_attached(owner: Any, marker: str | None, ctx: Context) -> str | None:
    """The sentence for a sakspapir whose record says ``vedlegg: ingen`` ("Ingen vedlegg.", 06)."""
    said = not marker and hasattr(owner, "ingen") and owner.ingen("vedlegg")
    return (ctx.phrase("ingen_vedlegg") or None) if said else None


def _vedlegg(v: Any, ctx: Context) -> dict:
    marker = ctx.red.hidden(v)
    if marker and v.skjerming.hele:
        return {"nr": v.nr, "tittel": marker, "dato": None}
    return {"nr": v.nr, "tittel": ctx.red.text(v.tittel),
            "dato": v.dato}


def _seksjon(s: Any, ctx: Context) -> dict:
    key = f"seksjon_{s.type}"
    standard = ctx.t(key) if s.type != "annet" else None
    if ctx.red.hidden(s) and s.skjerming.hele:
        # a custom heading may itself say too much; the standard label does not
        return {"overskrift": standard, "overskrift_tekst": ctx.heading(key) if standard else None,
                "tekst": ctx.red.hidden(s)}
    own = None if ctx.red.hidden(s, "overskrift") else s.overskrift
    heading = own or standard
    printed = f"{own}:" if own else (ctx.heading(key) if standard else None)
    return {"overskrift": heading, "overskrift_tekst": printed, "tekst": ctx.red.text(s.tekst)}


# --- meetings: shared header ------------------------------------------------------------------

def _meeting_head(m: Any, ctx: Context) -> dict:
    red = ctx.red
    ctx.body_id = m.utvalg
    body = ctx.index.body(m.utvalg)
    head = {
        "utvalg": ctx.body(m.utvalg),
        "utvalg_info": {"id": m.utvalg, "navn": ctx.body(m.utvalg),
                        "kortnavn": getattr(body, "kortnavn", None) if body else None,
                        "type": getattr(body, "type", None) if body else None},
        "organisasjon": ctx.letterhead(m.utvalg),
        "moetedato": m.moetedato,
        "skjermet": red.hidden(m),
    }
    for name in ("moetested", "rom", "moetenummer"):
        head[name] = red.text(getattr(m, name))
    for name in ("start", "slutt"):
        head[name] = None if red.hidden(m, name) else getattr(m, name)
    # the place-and-date line ("Klæbu, 12. oktober 2009"; "Klæbu," when the date is not stated)
    sted = red.text(getattr(m, "dokumentsted", None)) or head["organisasjon"]
    dato = getattr(m, "dokumentdato", None)
    dato_text = formats.fmt_date(dato, ctx.fmt("dato_lang"), ctx.maalform) if dato else ""
    head["sted_dato"] = {"sted": sted, "dato": dato,
                         "tekst": " ".join(ctx.fmt("sted_dato").format(sted=sted, dato=dato_text).split())}
    head["kunngjoeringer"] = _text_list(m, "kunngjoeringer", ctx) if hasattr(m, "kunngjoeringer") else []
    head["kopi"] = _text_list(m, "kopi", ctx) if hasattr(m, "kopi") else []
    head["referent"] = (None if red.hidden(m, "referent") or not m.referent
                        else persons.person(m.referent, ctx, m.utvalg))
    head["moeteleder"] = (None if red.hidden(m, "moeteleder") or not m.moeteleder
                          else persons.person(m.moeteleder, ctx, m.utvalg))
    return head


def _linked_case(p: Any, ctx: Context) -> Any:
    return ctx.index.case(p.sak) if p.sak else None


def _item_marker(p: Any, case: Any, ctx: Context) -> str | None:
    """An item is closed when it is skjermet itself or treats a wholly skjermet case."""
    return ctx.red.hidden(p) or (ctx.red.hidden(case) if case is not None else None)


def _exempt_by(p: Any, case: Any) -> str | None:
    """The hjemmel an item (or the case it treats) is exempt by: the sakliste's column
    ``unntatt`` ("offl. § 13"); None when it is open or states none."""
    own = getattr(p, "skjerming", None) or (getattr(case, "skjerming", None) if case is not None else None)
    return own.hjemmel if own is not None and own.hjemmel else None


def _internal_exempt(p: Any, case: Any, ctx: Context) -> str | None:
    """In the internal copy, the mark at an item the public variant hides or cuts: the item's
    own skjerming, or its case's when the whole case is skjermet (issue 16)."""
    if ctx.public:
        return None
    for owner, whole_only in ((p, False), (case, True)):
        skjerming = getattr(owner, "skjerming", None)
        if skjerming is not None and (skjerming.hele or not whole_only):
            return ctx.t("unntatt_intern", merke=ctx.red.marker(skjerming.hjemmel))
    return None


def _item_saksnr(p: Any, case: Any, ctx: Context) -> str | None:
    """The item's arkivsaksnr: its case's, or its own sakspapir's (an item without a case)."""
    if not p.sak:
        own = getattr(p, "arkivsaksnr", None)
        return None if not own or ctx.red.hidden(p, "arkivsaksnr") else str(own)
    if ctx.red.hidden(p, "sak") or (case is not None and not case.vis_saksnr):
        return None
    return p.sak


def _item_title(p: Any, case: Any, marker: str | None, ctx: Context) -> str | None:
    """The item's own title, else its case's (an item that names only its case)."""
    if marker:
        public = p.offentlig_tittel or (case.offentlig_tittel if case is not None else None)
        return public
    if ctx.red.hidden(p, "tittel"):
        return p.offentlig_tittel or ctx.red.hidden(p, "tittel")
    if p.tittel or case is None:
        return p.tittel
    if ctx.red.hidden(case, "tittel"):
        return case.offentlig_tittel or ctx.red.hidden(case, "tittel")
    return case.tittel


# --- møteinnkalling with sakskart ---------------------------------------------------------------

def agenda_view(m: Any, ctx: Context) -> dict:
    red = ctx.red
    view = _meeting_head(m, ctx)
    own = m.dokumenttype == "innkalling"  # a protokoll record's title and signatures are the minutes'
    title = red.field(m, "tittel", m.tittel) if own and m.tittel else None
    view["tittel"] = title or ctx.t("innkalling_til", utvalg=view["utvalg"])
    view["dokumentdato"] = m.dokumentdato if own else None
    view["blokker"] = list(ctx.profile.get("innkalling", "blokker"))
    if ctx.profile.get("innkalling", "saksdokumenter") and "saksdokumenter" not in view["blokker"]:
        view["blokker"].append("saksdokumenter")
    if view["skjermet"]:
        view.update(innkalling_tekst=None, saker=[], signatur=[], innkalte=[], saksdokumenter=[],
                    innkalte_tabell={"kolonner": [], "overskrifter": [], "celler": []}, innkalte_overskrift=None,
                    saksliste={"kolonner": [], "grupper": [], "form": "tabell", "underoverskrift": None})
        return _with_head_rows(view, m, ctx, "dato_innkalling", ctx.t("innkalling"))
    view["innkalte"] = [] if red.hidden(m, "deltakere") else _invitees(m, ctx)
    columns = list(ctx.profile.get("deltakere", "kolonner"))
    view["innkalte_overskrift"] = ctx.heading("innkalte")
    view["innkalte_tabell"] = {"kolonner": columns, "overskrifter": [ctx.t(f"kolonne_{c}") for c in columns],
                               "celler": [[persons.cell(p, c) for c in columns] for p in view["innkalte"]]}
    if m.innkalling_tekst:
        view["innkalling_tekst"] = red.text(m.innkalling_tekst)
    else:
        contact = ctx.person(m.referent) if m.referent and not red.hidden(m, "referent") else None
        view["innkalling_tekst"] = (ctx.t("innkalling_melding_til", navn=contact) if contact
                                    else ctx.t("innkalling_standard"))
    marker = red.hidden(m, "saker")
    view["saker"] = ([{"nr": "", "nr_sakliste": "", "nummer": None, "overskrift": None, "saksnr": None,
                       "tittel": None, "skjermet": marker, "innstilling": None,
                       "saksbehandler": None}] if marker and m.saker
                     else [_agenda_item(p, i, ctx) for i, p in enumerate(m.saker)])
    view["signatur"] = _agenda_signature(m, ctx)
    view["saksliste"] = _saksliste("innkalling", m, view["saker"], ctx)
    view["saksdokumenter"] = (_papers(m, view["saker"], ctx)
                              if ctx.profile.get("innkalling", "saksdokumenter") and not marker else [])
    return _with_head_rows(view, m, ctx, "dato_innkalling", ctx.t("innkalling"))


def _with_head_rows(view: dict, m: Any, ctx: Context, date_role: str, name: str) -> dict:
    """The block list with its head rows resolved (profile ``innkalling.blokker``,
    ``protokoll.blokker``)."""
    if any(not isinstance(b, str) for b in view["blokker"]):
        values = _meeting_values({**view, "dokumentnavn": name}, m, ctx, date_role)
        view["blokker"] = resolve_blocks(view["blokker"], values, ctx)
    return view


def _saksliste(kind: str, m: Any, items: list[dict], ctx: Context) -> dict:
    """``doc.saksliste``: {kolonner, grupper: [{etikett, saker}]}; without the profile's
    grupper, one group with no heading holding every item."""
    spec = ctx.profile.saksliste(kind)
    chosen = spec.get("grupper")
    under = spec.get("underoverskrift")
    d = m.moetedato
    shape = {"kolonner": list(spec["kolonner"]), "form": spec["form"],
             "underoverskrift": " ".join(under.format(
                 utvalg=ctx.body(m.utvalg) or "",
                 dato=formats.fmt_date(d, ctx.fmt("dato"), ctx.maalform) if d else "").split()) if under else None}
    if not chosen:
        return {**shape, "grupper": [{"etikett": None, "saker": list(items)}]}
    series = [getattr(p, "serie", None) for p in m.saker] if len(m.saker) == len(items) else [None] * len(items)
    placed: list[list[dict]] = [[] for _ in chosen]
    for serie, item in zip(series, items):
        for i, g in enumerate(chosen):
            if g.get("serie") is None or g.get("serie") == serie:
                placed[i].append(item)
                break
    return {**shape,
            "grupper": [{"etikett": g["etikett"], "saker": placed[i]} for i, g in enumerate(chosen) if placed[i]]}


def _papers(m: Any, items: list[dict], ctx: Context) -> list[dict]:
    """The full sakskart (profile ``innkalling.saksdokumenter``): each item's sakspapir in agenda
    order, as a saksframlegg view (the same names as ``kvk render-case``'s ``doc``) with the
    item's heading as ``sak_overskrift``: its case's saksframlegg, or the item's own sakspapir
    when it has one (an innstilling, sections or vedlegg). A closed item embeds nothing: its
    papers would say what its marker hides."""
    out = []
    for p, item in zip(m.saker, items):
        paper = _paper(p, item, m, ctx)
        if paper is not None:
            out.append(paper)
        elif (not item["skjermet"] and item["overskrift"]
              and ctx.profile.get("innkalling", "saksdokumenter_overskrift") == "alltid"):
            # no sakspapir: the item's heading alone, where its papers would stand (15)
            out.append({"kun_overskrift": True, "sak_overskrift": item["overskrift"], "sak_nr": item["nr"],
                        "vedlegg_dokumenter": []})
    return out


def _paper(p: Any, item: dict, m: Any, ctx: Context) -> dict | None:
    """One item's sakspapir for the full sakskart (its case's saksframlegg, or the item's own),
    or None when it has none or is closed."""
    if item["skjermet"]:
        return None
    case = _linked_case(p, ctx)
    sub = Context(index=ctx.index, organisasjon=ctx.organisasjon,
                  innstilling_plassering=ctx.innstilling_plassering, maalform=ctx.maalform,
                  public=ctx.public, profile=ctx.profile, profiles=ctx.profiles,
                  profile_name=ctx.profile_name)
    if case is not None:
        if ctx.red.hidden(p, "sak"):
            return None
        paper = case_view(case, sub)
    elif p.innstilling is not None or p.seksjoner or p.vedlegg or p.ingen("vedlegg"):
        paper = item_papers_view(p, m, sub)
    else:
        return None
    paper["kun_overskrift"] = False
    paper["sak_overskrift"] = item["overskrift"]
    paper["sak_nr"] = item["nr"]
    paper["sak_type"] = p.type if p.type in ("PS", "RS", "DS", "FO") else None
    if not paper.get("skjermet"):  # the head rows may print the item's heading and number
        paper["felt"] = _case_head(paper, case if case is not None else p, sub)
        paper["blokker"] = _case_blocks(paper, case if case is not None else p, sub)
    paper["vedlegg_dokumenter"] = _attached_minutes(case if case is not None else p, ctx)
    return paper


def _attached_minutes(owner: Any, ctx: Context) -> list[dict]:
    """The vedlegg that are meeting records (``moete:``), as the minutes' ``doc`` each: the
    protokoll attached to an item (the previous meeting's, for its approval). A skjermet vedlegg
    or list of vedlegg embeds nothing in the public variant."""
    if ctx.red.hidden(owner, "vedlegg") or ctx.red.hidden(owner):
        return []
    out = []
    for v in owner.vedlegg:
        meeting = ctx.index.meeting(v.moete) if v.moete else None
        if meeting is None or ctx.red.hidden(v):
            continue
        out.append(minutes_view(meeting, ctx.for_meeting(meeting)))
    return out


def item_papers_view(p: Any, m: Any, ctx: Context) -> dict:
    """The sakspapir of an item without a case record, with a saksframlegg's names: its own
    arkivsaksnr, saksbehandler, innstilling, sections and vedlegg, and the meeting as its one
    saksgang row."""
    red = ctx.red
    ctx.body_id = m.utvalg
    view: dict[str, Any] = {"saksnr": str(p.arkivsaksnr) if p.arkivsaksnr else None,
                            "dokumenttype": ctx.t("sakspapir"), "organisasjon": ctx.letterhead(m.utvalg),
                            "blokker": list(ctx.profile.get("saksframlegg", "blokker")),
                            "skjermet": None, "tittel": p.tittel, "administrativ_enhet": None,
                            "saksbehandler": red.field(p, "saksbehandler", ctx.person(p.saksbehandler)),
                            "arkivkode": None, "dato": None, "avgjoeres_av": None, "klageadgang": None}
    view["saksgang"] = [{"utvalgssaksnr": p.nr or "", "utvalg": ctx.body(m.utvalg), "moetedato": m.moetedato}]
    view["felt"] = _case_head(view, p, ctx)
    view["blokker"] = _case_blocks(view, p, ctx)
    marker = red.hidden(p, "vedlegg")
    view["vedlegg"] = ([{"nr": None, "tittel": marker, "dato": None}] if marker and p.vedlegg
                       else [_vedlegg(v, ctx) for v in p.vedlegg])
    view["ingen_vedlegg"] = _none_attached(p, marker, ctx)
    view["andre_saksdokumenter"] = []
    marker = red.hidden(p, "seksjoner")
    view["seksjoner"] = ([{"overskrift": None, "overskrift_tekst": None, "tekst": marker}] if marker and p.seksjoner
                         else [_seksjon(s, ctx) for s in p.seksjoner])
    marker = red.hidden(p, "innstilling")
    heading = ctx.t("innstillingen").capitalize()
    view["innstilling"] = ({"overskrift": heading, "overskrift_tekst": f"{heading}:", "tekst": marker} if marker
                           else innstilling_view(p, ctx))
    top, end = PLACEMENTS[ctx.innstilling_plassering]
    view["innstilling_topp"], view["innstilling_slutt"] = top, end
    view["behandlinger"] = []
    return view


def _invitees(m: Any, ctx: Context) -> list:
    """Who the notice goes to, with function and party: the meeting's participants when the
    record lists them, else the body's members."""
    if m.deltakere:
        return [p for p in persons.participants(m, ctx)
                if p["kategori"] not in ("administrasjon", "sekretariat")]
    body = ctx.index.body(m.utvalg)
    return [persons.person(x.person, ctx, m.utvalg) for x in (body.medlemmer if body else [])]


def _numbers(p: Any, position: int, ctx: Context) -> dict:
    nr = item_number(p, position, ctx)
    if ctx.profile.get("sak", "nummerering") == "loepende":
        listed = str(position + 1)
    else:
        listed = _formatted_ref(p.nr, "sakliste", ctx)
    return {"nr": nr, "nr_sakliste": listed, "nummer": number_parts(p.nr)}


def _agenda_item(p: Any, position: int, ctx: Context) -> dict:
    case = _linked_case(p, ctx)
    marker = _item_marker(p, case, ctx)
    item = {**_numbers(p, position, ctx), "saksnr": _item_saksnr(p, case, ctx), "skjermet": marker,
            "tittel": _item_title(p, case, marker, ctx), "innstilling": None, "saksbehandler": None,
            "unntatt_intern": _internal_exempt(p, case, ctx), "unntatt": _exempt_by(p, case)}
    item["overskrift"] = item_heading(item["nr"], item["tittel"], ctx)
    if marker:
        return item
    item["saksbehandler"] = ctx.red.field(p, "saksbehandler", ctx.person(p.saksbehandler))
    item["innstilling"] = _item_innstilling(p, case, ctx)
    return item


def _item_innstilling(p: Any, case: Any, ctx: Context) -> dict | None:
    """The innstilling an item was treated on: its own sakspapir's, else its case's (agenda and
    minutes alike: a saksprotokoll or møtebok prints it before the vote)."""
    if case is None and getattr(p, "innstilling", None) is not None:  # the item's own sakspapir
        return innstilling_view(p, ctx)
    if case is not None and not ctx.red.hidden(case, "innstilling"):
        return innstilling_view(case, ctx)
    if case is not None:
        heading = ctx.t("innstillingen").capitalize()
        return {"overskrift": heading, "overskrift_tekst": f"{heading}:", "tekst": ctx.red.hidden(case, "innstilling")}
    return None


def _agenda_signature(m: Any, ctx: Context) -> list[dict]:
    if m.dokumenttype == "innkalling" and m.signatur:  # the notice's own signatures
        marker = ctx.red.hidden(m, "signatur")
        return [{"linje": marker, "navn": None, "tekst": None, "tittel": None, "underskriver": None}] if marker else [_signature(s, ctx) for s in m.signatur]
    if ctx.red.hidden(m, "moeteleder"):
        return []
    if m.moeteleder:
        return [{"linje": ctx.person(m.moeteleder), "navn": ctx.person(m.moeteleder), "tekst": None,
                 "tittel": ctx.t("moeteleder"), "underskriver": None}]
    body = ctx.index.body(m.utvalg)
    leaders = [mem.person for mem in (body.medlemmer if body else []) if mem.rolle == "leder"]
    return [{"linje": ctx.person(leaders[0]), "navn": ctx.person(leaders[0]), "tekst": None,
             "tittel": ctx.t("moeteleder"), "underskriver": None}]  if leaders else []


# --- referat / møteprotokoll -------------------------------------------------------------------

def minutes_view(m: Any, ctx: Context) -> dict:
    red = ctx.red
    view = _meeting_head(m, ctx)
    kind = (m.dokumenttype if m.dokumenttype in ("referat", "moeteprotokoll", "moetebok", "saksprotokoll")
            else "moeteprotokoll")
    view["dokumenttype"] = kind
    view["dokumenttype_navn"] = ctx.t(kind)
    default_title = ctx.t("referat_tittel" if kind == "referat" else "protokoll_tittel",
                          utvalg=_in_sentence(view["utvalg"] or ""), dato=_dato_lang(m.moetedato, ctx)).strip()
    # a saksprotokoll (one item's protocol, 16) has its own block order when the profile gives one
    own = ctx.profile.get("saksprotokoll", "blokker") if kind == "saksprotokoll" else None
    view["blokker"] = list(own or ctx.profile.get("protokoll", "blokker"))
    # the profile and målform the minutes are in (an attached protokoll of another body: its own)
    view["maalform"], view["profil_navn"] = ctx.maalform, ctx.profile_name
    if view["skjermet"]:
        view.update({k: None for k in ("underskrift_formel", "underskrivere_tekst", "ingen_merknader_innkalling")},
                    underskrivere=[], merknader_til_innkalling=[], underskrifter_overskrift=ctx.heading("underskrifter"),
                    merknader_til_innkalling_overskrift=ctx.heading("merknader_til_innkalling"))
        view.update(tittel=default_title, refs=None, **_no_attendance(), merknader=[], dokumenter_utdelt=[],
                    saker=[], signatur=[], protokollstatus=None, referent=None, moeteleder=None,
                    saksliste={"kolonner": [], "grupper": [], "form": "tabell", "underoverskrift": None})
        return _with_head_rows(view, m, ctx, "dato", view["dokumenttype_navn"])
    hidden_title = red.hidden(m, "tittel")
    view["tittel"] = default_title if hidden_title or not m.tittel else m.tittel
    refs = {"deres_ref": red.text(m.deres_ref) or "",
            "vaar_ref": red.text(m.vaar_ref) or "",
            "dato": m.dokumentdato}
    view["refs"] = refs if (m.deres_ref or m.vaar_ref or m.dokumentdato) else None
    view.update(_attendance(m, ctx))
    marker = red.hidden(m, "merknader")
    view["merknader"] = [marker] if marker and m.merknader else [red.text(x) for x in m.merknader]
    marker = red.hidden(m, "dokumenter_utdelt")
    view["dokumenter_utdelt"] = [marker] if marker and m.dokumenter_utdelt else list(m.dokumenter_utdelt)
    marker = red.hidden(m, "saker")
    view["saker"] = ([_closed_item({"nr": "", "nr_sakliste": "", "nummer": None}, None, marker, ctx)]
                     if marker and m.saker else [_minutes_item(p, i, m, ctx) for i, p in enumerate(m.saker)])
    # a møtebok of sakspapir (protokoll.saksdokumenter): each item's sakspapir before its treatment
    papers = ctx.profile.get("protokoll", "saksdokumenter") and not marker
    for p, item in zip(m.saker if not marker else [], view["saker"]):
        item["sakspapir"] = _paper(p, item, m, ctx) if papers else None
    for item in view["saker"]:
        item.setdefault("sakspapir", None)
    view["saksliste"] = _saksliste("protokoll", m, view["saker"], ctx)
    marker = red.hidden(m, "signatur")
    view["signatur"] = ([{"linje": marker, "navn": None, "tekst": None, "tittel": None, "underskriver": None}] if marker and m.signatur
                        else [_signature(s, ctx) for s in m.signatur])
    if any(s.person == m.referent for s in m.signatur):
        view["referent"] = None  # the minutes name the referent where they sign ("Tone Aas, ref.")
    view["protokollstatus"] = None if red.hidden(m, "protokollstatus") else _status(m, ctx)
    view.update(_signing(m, ctx))
    return _with_head_rows(view, m, ctx, "dato", view["dokumenttype_navn"])


def _name_list(names: list[str], ctx: Context) -> str:
    """"A", "A og B", "A, B og C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {ctx.t('og')} {names[-1]}"


def _signing(m: Any, ctx: Context) -> dict:
    """The signing block of the minutes (blocks ``underskrifter``, ``underskrivere``,
    ``merknader_til_innkalling``), worded by the profile's ``fraser``."""
    red = ctx.red
    marker = red.hidden(m, "underskrivere")
    people = [] if marker else [persons.person(pid, ctx, m.utvalg) for pid in m.underskrivere]
    names = [marker] if marker and m.underskrivere else [p["navn"] for p in people]
    marker = red.hidden(m, "merknader_til_innkalling")
    return {
        "underskrifter_overskrift": ctx.heading("underskrifter"),  # "Underskrifter:"
        "underskrift_formel": ctx.phrase("underskrift_formel") or None,
        "underskrivere": people,
        "underskrivere_tekst": ctx.phrase("underskrivere", navn_liste=_name_list(names, ctx)) if names else None,
        "merknader_til_innkalling_overskrift": ctx.heading("merknader_til_innkalling"),
        "merknader_til_innkalling": ([marker] if marker and m.merknader_til_innkalling
                                     else [red.text(x) for x in m.merknader_til_innkalling]),
        "ingen_merknader_innkalling": (ctx.phrase("ingen_merknader_innkalling") or None
                                       if not marker and m.ingen("merknader_til_innkalling") else None),
    }


def _dato_lang(d: Any, ctx: Context) -> str:
    return formats.fmt_date(d, ctx.fmt("dato_lang"), ctx.maalform) if d is not None else ""


def _status(m: Any, ctx: Context) -> str | None:
    s = m.protokollstatus
    if s is None:
        return None
    if s.status == "godkjent":
        return ctx.t("protokoll_godkjent", dato=_dato(s.dato))
    return ctx.t("protokoll_utkast")


def _no_attendance() -> dict:
    return {"til_stede": [], "forfall": [], "ikke_moett": [], "fra_administrasjonen": [],
            "deltakere_skjermet": None, "deltakere": [], "grupper": [], "deltakere_overskrift": None,
            "deltakere_i_grupper": False,
            "antall": {"til_stede": None, "medlemmer": None, "tekst": None}}


def _attendance(m: Any, ctx: Context) -> dict:
    """Every participant as data, and the groups both layouts print: kvk's lines (Til stede,
    Forfall, Ikke møtt, Fra administrasjonen) and the protokoll tables (Faste medlemmer som
    møtte / … ikke møtte / Varamedlemmer som møtte / Fra administrasjonen / Andre)."""
    out = _no_attendance()
    marker = ctx.red.hidden(m, "deltakere")
    if marker:
        return {**out, "deltakere_skjermet": marker}
    people = persons.participants(m, ctx)
    out["deltakere"] = people
    for p in people:
        if p["oppmoete"] is None:
            continue  # not known yet (an agenda); the minutes do not guess
        if p["oppmoete"] == "ikke_moett":
            out["ikke_moett"].append(p)  # a no-show is not a forfall
        elif p["oppmoete"] in persons.ABSENT:
            out["forfall"].append(p)
        elif p["kategori"] == "administrasjon":
            out["fra_administrasjonen"].append(p)
        else:
            out["til_stede"].append(p)
    out["grupper"] = persons.groups(people, ctx)
    out["deltakere_overskrift"] = ctx.profile.get("deltakere", "overskrift")
    out["deltakere_i_grupper"] = (ctx.profile.get("deltakere", "form") != "linje"
                                  or bool(ctx.profile.get("deltakere", "grupper")))
    out["antall"] = persons.head_count(m, people, ctx)
    return out


def _closed_item(numbers: dict, title: str | None, marker: str, ctx: Context) -> dict:
    # a closed item prints its marker: no head row (it might hold what the marker hides)
    blokker = [b for b in ctx.profile.get("sak", "blokker") if isinstance(b, str)]
    return {**numbers, "overskrift": item_heading(numbers["nr"], title, ctx), "tittel": title, "saksnr": None,
            "unntatt": None,
            "hode": [], "skjermet": marker, "tekst": None, "droefting": [], "underpunkter": [],
            "oppfoelging": [], "inhabile": [], "innstilling": None, "blokker": blokker,
            **_empty_behandling()}


def _item_blocks(p: Any, case: Any, m: Any, ctx: Context) -> list:
    """``sak.blokker`` with its head rows resolved for this item."""
    blokker = list(ctx.profile.get("sak", "blokker"))
    if all(isinstance(b, str) for b in blokker):
        return blokker
    return resolve_blocks(blokker, _item_values(p, case, m, ctx), ctx)


def _item_values(p: Any, case: Any, m: Any, ctx: Context) -> dict[str, tuple[str | None, str | None]]:
    """What a head row of an item in the minutes can print (``sak.hode``, ``sak.blokker``)."""
    raw = _item_saksnr(p, case, ctx)
    pid = p.saksbehandler or (case.saksbehandler if case is not None else None)
    who = (ctx.red.field(p, "saksbehandler", ctx.person(pid)) if p.saksbehandler
           else ctx.red.field(case, "saksbehandler", ctx.person(pid)) if pid else None)
    own = p.skjerming or (case.skjerming if case is not None else None)
    values = {
        "nr": _formatted_ref(p.nr, "overskrift", ctx) or None,
        "tittel": _item_title(p, case, None, ctx),
        "merknad": ctx.red.field(p, "merknad", p.merknad) if getattr(p, "merknad", None) else None,
        "utvalg": ctx.body(m.utvalg),
        "type": p.type if p.type in ("PS", "RS", "DS", "FO") else None,
        # the item's kind in the label art_<art> ("Til saksliste;", 01); a label written empty: no row
        "art": (ctx.t(f"art_{p.art}") or None) if getattr(p, "art", None) else None,
        "saksbehandler": who,
        "arkivsaksnr": formats.fmt_saksnr(raw, ctx.fmt("saksnr")) if raw else None,
        "arkivkode": ctx.red.field(case, "arkivkode", case.arkivkode) if case is not None else None,
        "gradering": ctx.t("unntatt", hjemmel=own.hjemmel) if own is not None and own.hjemmel else None,
        "moetedato": formats.fmt_date(m.moetedato, ctx.fmt("dato"), ctx.maalform) if m.moetedato else None,
    }
    return {k: (v, v) for k, v in values.items()}


def _item_head(p: Any, case: Any, ctx: Context, m: Any = None) -> list[dict]:
    """The møtebok's head rows of an item, as the profile lists them: {felt, etikett,
    etikett_tekst, verdi} (``etikett_tekst`` as printed: kvk's label with a colon, a head row's
    own as written)."""
    rows = []
    values = None
    for name in ctx.profile.get("sak", "hode"):
        if not isinstance(name, str):
            values = values or _item_values(p, case, m, ctx)
            row = head_row(name, values, ctx)
            if row is not None:
                rows.append({**row, "etikett_tekst": row["etikett"]})
            continue
        if name == "arkivsaksnr":
            raw = _item_saksnr(p, case, ctx)
            value = formats.fmt_saksnr(raw, ctx.fmt("saksnr")) if raw else None
        elif name == "arkivkode":
            value = ctx.red.field(case, "arkivkode", case.arkivkode) if case is not None else None
        elif name == "gradering":
            own = p.skjerming or (case.skjerming if case is not None else None)
            hjemmel = own.hjemmel if own is not None else None
            value = ctx.t("unntatt", hjemmel=hjemmel) if hjemmel else None
        else:  # saksbehandler
            pid = p.saksbehandler or (case.saksbehandler if case is not None else None)
            value = (ctx.red.field(p, "saksbehandler", ctx.person(pid)) if p.saksbehandler
                     else ctx.red.field(case, "saksbehandler", ctx.person(pid)) if pid else None)
        if value:
            rows.append({"felt": name, "etikett": ctx.t(name), "etikett_tekst": f"{ctx.t(name)}:", "verdi": value})
    return rows


def _minutes_item(p: Any, position: int, m: Any, ctx: Context) -> dict:
    red = ctx.red
    case = _linked_case(p, ctx)
    marker = _item_marker(p, case, ctx)
    numbers = _numbers(p, position, ctx)
    if marker:
        return _closed_item(numbers, _item_title(p, case, marker, ctx), marker, ctx)
    item = {**numbers, "tittel": _item_title(p, case, None, ctx), "skjermet": None,
            "unntatt_intern": _internal_exempt(p, case, ctx), "unntatt": _exempt_by(p, case),
            "saksnr": _item_saksnr(p, case, ctx), "hode": _item_head(p, case, ctx, m),
            "blokker": _item_blocks(p, case, m, ctx),
            "tekst": red.field(p, "tekst", p.tekst)}
    item["overskrift"] = item_heading(item["nr"], item["tittel"], ctx)
    item["droefting"] = _text_list(p, "droefting", ctx)
    marker = red.hidden(p, "underpunkter")
    item["underpunkter"] = ([{"tittel": None, "tekst": marker, "droefting": [], "oppfoelging": [],
                              "underpunkter": []}] if marker and p.underpunkter
                            else [_subtopic(u, ctx) for u in p.underpunkter])
    item["oppfoelging"] = _followups(p, ctx)
    item["innstilling"] = _item_innstilling(p, case, ctx)
    # who was there is the meeting's deltakere: when that list is skjermet, so is this
    item["inhabile"] = [] if ctx.red.hidden(m, "deltakere") else [
        _inhabil_sentence(d, i, ctx) for d in m.deltakere for i in d.inhabil_i if i.sak == p.nr]
    item.update(behandling_view(p, ctx, case))
    return item


def _inhabil_sentence(d: Any, i: Any, ctx: Context) -> str:
    text = ctx.t("fratraadte_inhabil", navn=ctx.person(d.person))
    return f"{text}, {ctx.t('jf')} {i.hjemmel}." if i.hjemmel else f"{text}."


def _text_list(owner: Any, field: str, ctx: Context) -> list[str]:
    values = getattr(owner, field)
    marker = ctx.red.hidden(owner, field)
    if marker:
        return [marker] if values else []
    return [ctx.red.text(v) for v in values]


def _followups(owner: Any, ctx: Context) -> list[dict]:
    marker = ctx.red.hidden(owner, "oppfoelging")
    if marker:
        return [{"tiltak": marker, "ansvarlig": None, "frist": None}] if owner.oppfoelging else []
    return [{"tiltak": ctx.red.text(o.tiltak), "ansvarlig": ctx.person(o.ansvarlig), "frist": o.frist}
            for o in owner.oppfoelging]


def _subtopic(u: Any, ctx: Context) -> dict:
    red = ctx.red
    if red.hidden(u) and u.skjerming.hele:
        return {"tittel": None, "tekst": red.hidden(u), "droefting": [], "oppfoelging": [],
                "underpunkter": []}
    marker = red.hidden(u, "underpunkter")
    return {
        "tittel": red.text(u.tittel),
        "tekst": red.text(u.tekst),
        "droefting": _text_list(u, "droefting", ctx),
        "oppfoelging": _followups(u, ctx),
        "underpunkter": ([{"tittel": None, "tekst": marker, "droefting": [], "oppfoelging": [],
                           "underpunkter": []}] if marker and u.underpunkter
                         else [_subtopic(x, ctx) for x in u.underpunkter]),
    }


def _signature(s: Any, ctx: Context) -> dict:
    name = s.navn or ctx.person(s.person)  # the signature's own spelling, when it gives one
    signer = ctx.person(s.underskrevet_av) if getattr(s, "underskrevet_av", None) else None
    if s.tekst:
        line = f"{name} {s.tekst}" if s.tekst.startswith("(") else f"{name}, {s.tekst}"
    else:
        line = name
    tittel = s.tittel
    if signer:  # signed on the person's behalf: "for Kai Inge Trøan", the title, the signer (12)
        line, name = ctx.t("signert_for", navn=line), ctx.t("signert_for", navn=name)
    return {"linje": line, "navn": name, "tekst": s.tekst, "tittel": tittel, "underskriver": signer}
