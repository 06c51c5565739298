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

from ..models.meeting import ABSENT  # every kind of absence, fravaer included
from .labels import label
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

    def __post_init__(self) -> None:
        self.red = Redactor(self.public, self.maalform)

    def t(self, key: str, **values: Any) -> str:
        return label(key, self.maalform, **values)

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


# --- the innstilling and a behandling (shared by all three documents) -----------------------

def innstilling_view(sak: Any, ctx: Context) -> dict | None:
    inn = sak.innstilling
    if inn is None:
        return None
    if inn.fra == "utvalg":
        heading = ctx.t(f"utvalg_{inn.type}", utvalg=ctx.body(inn.utvalg) or "")
    else:
        heading = ctx.t(f"{inn.fra}_{inn.type}")
    marker = ctx.red.hidden(sak, "innstilling") or ctx.red.hidden(inn)
    return {"overskrift": heading, "tekst": marker or ctx.red.text(inn.tekst)}


def _vote_sentence(v: Any, ctx: Context) -> str:
    if v.enstemmig and v.resultat != "falt":
        text = ctx.t("enstemmig_vedtatt")
    elif v.for_ is not None and v.mot is not None:
        passed = v.resultat == "vedtatt" or (v.resultat is None and v.for_ > v.mot)
        text = ctx.t("vedtatt_med" if passed else "falt_med", for_=v.for_, mot=v.mot)
    elif v.resultat:
        text = ctx.t("vedtatt" if v.resultat == "vedtatt" else "falt")
    else:
        text = ""
    if v.blankt:
        text = f"{text} {ctx.t('blanke', n=v.blankt)}".strip()
    return text


def votering_view(v: Any, ctx: Context) -> dict:
    if v.over is None:
        over = None
    elif v.over == "innstillingen":
        over = ctx.t("innstillingen")
    else:
        over = ctx.t("forslag_id", id=v.over)
    stemmer = {"ja": [], "nei": [], "blankt": []}
    for s in v.stemmer:
        stemmer[s.stemme].append(ctx.person(s.person))
    return {
        "over": ctx.t("votering_over", hva=over) if over else None,
        "resultat": _vote_sentence(v, ctx),
        "mindretall": v.mindretall,
        "for": stemmer["ja"], "mot": stemmer["nei"], "blankt": stemmer["blankt"],
    }


def forslag_view(f: Any, ctx: Context) -> dict:
    kind = ctx.t(f"forslagtype_{f.type}") if f.type else ctx.t("forslag")
    heading = f"{kind} {f.id}" if f.id else kind
    if f.fremmet_av:
        heading += f" {ctx.t('fra')} {ctx.person_with_party(f.fremmet_av)}"
    if f.paa_vegne_av:
        heading += f" {ctx.t('paa_vegne_av', hvem=f.paa_vegne_av)}"
    return {"overskrift": heading, "tekst": ctx.red.text(f.tekst)}


def behandling_view(b: Any, ctx: Context) -> dict:
    """The treatment part shared by a case's behandling and a meeting's agenda item."""
    red = ctx.red
    view: dict[str, Any] = {"behandling": red.text(b.behandling)}
    marker = red.hidden(b, "forslag")
    view["forslag"] = ([{"overskrift": ctx.t("forslag"), "tekst": marker}] if marker
                       else [forslag_view(f, ctx) for f in b.forslag])
    marker = red.hidden(b, "votering")
    view["votering"] = ([{"over": None, "resultat": marker, "mindretall": None, "for": [], "mot": [],
                          "blankt": []}] if marker and b.votering
                        else [votering_view(v, ctx) for v in b.votering])
    if b.vedtak is None:
        view["vedtak"] = None
    else:
        view["vedtak"] = red.text(b.vedtak.tekst)
    status = ctx.t(f"status_{b.status}") if b.status in ("UT", "TB") else None
    view["status"] = red.field(b, "status", status) if status else None
    return view


def case_behandling_view(b: Any, ctx: Context) -> dict:
    heading = ctx.t("behandling_i", utvalg=ctx.body(b.utvalg), dato=_dato(b.moetedato))
    if b.utvalgssaksnr:
        heading = f"{heading}, {b.utvalgssaksnr}"
    marker = ctx.red.hidden(b)
    if marker:
        return {"overskrift": heading, "skjermet": marker, **_empty_behandling()}
    return {"overskrift": heading, "skjermet": None, **behandling_view(b, ctx)}


def _empty_behandling() -> dict:
    return {"behandling": None, "forslag": [], "votering": [], "vedtak": None, "status": None}


def _dato(d: Any) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


# --- saksframlegg -----------------------------------------------------------------------------

def case_view(sak: Any, ctx: Context) -> dict:
    red = ctx.red
    first_body = sak.saksgang[0].utvalg if sak.saksgang else None
    view: dict[str, Any] = {
        "saksnr": sak.saksnr if sak.vis_saksnr else None,
        "dokumenttype": ctx.t(sak.dokumenttype or "saksframlegg"),
        "organisasjon": ctx.letterhead(first_body),
    }
    marker = red.hidden(sak)
    if marker:  # a skjermet case keeps only its number and public title
        view.update(_empty_case(), skjermet=marker, tittel=sak.offentlig_tittel or marker)
        return view
    view["skjermet"] = None
    view["organisasjon"] = red.text(sak.organisasjon) or view["organisasjon"]
    view["tittel"] = (sak.offentlig_tittel or red.hidden(sak, "tittel")) if red.hidden(sak, "tittel") \
        else sak.tittel
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
    marker = red.hidden(sak, "vedlegg")
    view["vedlegg"] = ([{"nr": None, "tittel": marker, "dato": None}] if marker and sak.vedlegg
                       else [_vedlegg(v, ctx) for v in sak.vedlegg])
    marker = red.hidden(sak, "andre_saksdokumenter")
    view["andre_saksdokumenter"] = ([marker] if marker and sak.andre_saksdokumenter
                                    else list(sak.andre_saksdokumenter))
    marker = red.hidden(sak, "seksjoner")
    view["seksjoner"] = ([{"overskrift": None, "tekst": marker}] if marker and sak.seksjoner
                         else [_seksjon(s, ctx) for s in sak.seksjoner])
    view["innstilling"] = innstilling_view(sak, ctx)
    top, end = PLACEMENTS[ctx.innstilling_plassering]
    view["innstilling_topp"], view["innstilling_slutt"] = top, end
    marker = red.hidden(sak, "behandlinger")
    view["behandlinger"] = (
        [{"overskrift": ctx.t("behandling"), "skjermet": marker, **_empty_behandling()}]
        if marker and sak.behandlinger else [case_behandling_view(b, ctx) for b in sak.behandlinger])
    return view


def _empty_case() -> dict:
    return {"administrativ_enhet": None, "saksbehandler": None, "arkivkode": None, "dato": None,
            "avgjoeres_av": None, "klageadgang": None, "saksgang": [], "vedlegg": [],
            "andre_saksdokumenter": [], "seksjoner": [], "innstilling": None, "innstilling_topp": False,
            "innstilling_slutt": False, "behandlinger": []}


def _vedlegg(v: Any, ctx: Context) -> dict:
    marker = ctx.red.hidden(v)
    if marker and v.skjerming.hele:
        return {"nr": v.nr, "tittel": marker, "dato": None}
    return {"nr": v.nr, "tittel": ctx.red.text(v.tittel),
            "dato": v.dato}


def _seksjon(s: Any, ctx: Context) -> dict:
    standard = ctx.t(f"seksjon_{s.type}") if s.type != "annet" else None
    if ctx.red.hidden(s) and s.skjerming.hele:
        # a custom heading may itself say too much; the standard label does not
        return {"overskrift": standard, "tekst": ctx.red.hidden(s)}
    heading = standard if ctx.red.hidden(s, "overskrift") else (s.overskrift or standard)
    return {"overskrift": heading, "tekst": ctx.red.text(s.tekst)}


# --- meetings: shared header ------------------------------------------------------------------

def _meeting_head(m: Any, ctx: Context) -> dict:
    red = ctx.red
    head = {
        "utvalg": ctx.body(m.utvalg),
        "organisasjon": ctx.letterhead(m.utvalg),
        "moetedato": m.moetedato,
        "skjermet": red.hidden(m),
    }
    for name in ("moetested", "rom", "moetenummer"):
        head[name] = red.text(getattr(m, name))
    for name in ("start", "slutt"):
        head[name] = getattr(m, name)
    return head


def _linked_case(p: Any, ctx: Context) -> Any:
    return ctx.index.case(p.sak) if p.sak else None


def _item_marker(p: Any, case: Any, ctx: Context) -> str | None:
    """An item is closed when it is skjermet itself or treats a wholly skjermet case."""
    return ctx.red.hidden(p) or (ctx.red.hidden(case) if case is not None else None)


def _item_saksnr(p: Any, case: Any, ctx: Context) -> str | None:
    if not p.sak or ctx.red.hidden(p, "sak") or (case is not None and not case.vis_saksnr):
        return None
    return p.sak


def _item_title(p: Any, case: Any, marker: str | None, ctx: Context) -> str | None:
    if marker:
        public = p.offentlig_tittel or (case.offentlig_tittel if case is not None else None)
        return public
    if ctx.red.hidden(p, "tittel"):
        return p.offentlig_tittel or ctx.red.hidden(p, "tittel")
    return p.tittel


# --- møteinnkalling with sakskart ---------------------------------------------------------------

def agenda_view(m: Any, ctx: Context) -> dict:
    red = ctx.red
    view = _meeting_head(m, ctx)
    view["tittel"] = ctx.t("innkalling_til", utvalg=view["utvalg"])
    view["dokumentdato"] = m.dokumentdato if m.dokumenttype == "innkalling" else None
    if view["skjermet"]:
        view.update(innkalling_tekst=None, saker=[], signatur=[])
        return view
    if m.innkalling_tekst:
        view["innkalling_tekst"] = red.text(m.innkalling_tekst)
    else:
        contact = ctx.person(m.referent) if m.referent and not red.hidden(m, "referent") else None
        view["innkalling_tekst"] = (ctx.t("innkalling_melding_til", navn=contact) if contact
                                    else ctx.t("innkalling_standard"))
    marker = red.hidden(m, "saker")
    view["saker"] = ([{"nr": "", "saksnr": None, "tittel": None, "skjermet": marker, "innstilling": None,
                       "saksbehandler": None}] if marker and m.saker
                     else [_agenda_item(p, ctx) for p in m.saker])
    view["signatur"] = _agenda_signature(m, ctx)
    return view


def _agenda_item(p: Any, ctx: Context) -> dict:
    case = _linked_case(p, ctx)
    marker = _item_marker(p, case, ctx)
    item = {"nr": item_ref(p.nr, ctx), "saksnr": _item_saksnr(p, case, ctx), "skjermet": marker,
            "tittel": _item_title(p, case, marker, ctx), "innstilling": None, "saksbehandler": None}
    if marker:
        return item
    item["saksbehandler"] = ctx.red.text(ctx.person(p.saksbehandler))
    if case is not None and not ctx.red.hidden(case, "innstilling"):
        item["innstilling"] = innstilling_view(case, ctx)
    elif case is not None:
        item["innstilling"] = {"overskrift": ctx.t("innstillingen").capitalize(),
                               "tekst": ctx.red.hidden(case, "innstilling")}
    return item


def _agenda_signature(m: Any, ctx: Context) -> list[dict]:
    if ctx.red.hidden(m, "moeteleder"):
        return []
    if m.moeteleder:
        return [{"linje": ctx.person(m.moeteleder), "tittel": ctx.t("moeteleder")}]
    body = ctx.index.body(m.utvalg)
    leaders = [mem.person for mem in (body.medlemmer if body else []) if mem.rolle == "leder"]
    return [{"linje": ctx.person(leaders[0]), "tittel": ctx.t("moeteleder")}] if leaders else []


# --- referat / møteprotokoll -------------------------------------------------------------------

def minutes_view(m: Any, ctx: Context) -> dict:
    red = ctx.red
    view = _meeting_head(m, ctx)
    kind = m.dokumenttype if m.dokumenttype in ("referat", "moeteprotokoll", "moetebok") else "moeteprotokoll"
    view["dokumenttype"] = kind
    view["dokumenttype_navn"] = ctx.t(kind)
    default_title = ctx.t("referat_tittel" if kind == "referat" else "protokoll_tittel",
                          utvalg=_lower_first(view["utvalg"] or ""), dato=_dato_lang(m.moetedato))
    if view["skjermet"]:
        view.update(tittel=default_title, refs=None, til_stede=[], forfall=[], fra_administrasjonen=[],
                    deltakere_skjermet=None, merknader=[], dokumenter_utdelt=[], saker=[], signatur=[],
                    protokollstatus=None)
        return view
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
    view["saker"] = ([_closed_item("", None, marker)] if marker and m.saker
                     else [_minutes_item(p, m, ctx) for p in m.saker])
    marker = red.hidden(m, "signatur")
    view["signatur"] = ([{"linje": marker, "tittel": None}] if marker and m.signatur
                        else [_signature(s, ctx) for s in m.signatur])
    view["protokollstatus"] = None if red.hidden(m, "protokollstatus") else _status(m, ctx)
    return view


def _dato_lang(d: Any) -> str:
    from .environment import dato_lang

    return dato_lang(d)


def _status(m: Any, ctx: Context) -> str | None:
    s = m.protokollstatus
    if s is None:
        return None
    if s.status == "godkjent":
        return ctx.t("protokoll_godkjent", dato=_dato(s.dato))
    return ctx.t("protokoll_utkast")


def _attendance(m: Any, ctx: Context) -> dict:
    empty = {"til_stede": [], "forfall": [], "fra_administrasjonen": [], "deltakere_skjermet": None}
    marker = ctx.red.hidden(m, "deltakere")
    if marker:
        return {**empty, "deltakere_skjermet": marker}
    absent = {d.person for d in m.deltakere if d.oppmoete in ABSENT}
    substitutes = {d.moette_for: d.person for d in m.deltakere if d.moette_for}
    out = dict(empty)
    for d in m.deltakere:
        name = ctx.person(d.person)
        notes: list[str] = []
        if d.oppmoete in ABSENT:
            if d.forfall_grunn:  # Intern: the public record has none
                notes.append(d.forfall_grunn)
            if d.person in substitutes:
                notes.append(ctx.t("navn_moette", navn=ctx.person(substitutes[d.person])))
            out["forfall"].append(_with_notes(name, notes, d, ctx))
            continue
        if d.oppmoete is None:
            continue  # not known yet (an agenda); the minutes do not guess
        # "(for X)" only when X is not listed under Forfall with "(Y møtte)" already
        if d.moette_for and d.moette_for not in absent:
            notes.append(ctx.t("moette_for", navn=ctx.person(d.moette_for)))
        if d.til_stede_fra:
            notes.append(_presence("kom", d.til_stede_fra, ctx))
        if d.til_stede_til:
            notes.append(_presence("forlot", d.til_stede_til, ctx))
        if d.inhabil_i:
            refs = ", ".join(item_ref_inline(i.sak, ctx) for i in d.inhabil_i)
            notes.append(ctx.t("inhabil_i", saker=refs))
        group = "fra_administrasjonen" if d.kategori == "administrasjon" else "til_stede"
        out[group].append(_with_notes(name, notes, d, ctx))
    return out


def _with_notes(name: str, notes: list[str], d: Any, ctx: Context) -> str:
    if d.merknad:
        notes.append(d.merknad)
    return f"{name} ({'; '.join(notes)})" if notes else name


def _presence(kind: str, when: Any, ctx: Context) -> str:
    from .environment import kl

    if when.kl is not None:
        return ctx.t(f"{kind}_kl", kl=kl(when.kl))
    return ctx.t(f"{kind}_sak", sak=item_ref_inline(when.sak, ctx))


def _closed_item(nr: str, title: str | None, marker: str) -> dict:
    return {"nr": nr, "tittel": title, "saksnr": None, "skjermet": marker, "tekst": None, "droefting": [],
            "underpunkter": [], "oppfoelging": [], "inhabile": [], **_empty_behandling()}


def _minutes_item(p: Any, m: Any, ctx: Context) -> dict:
    red = ctx.red
    case = _linked_case(p, ctx)
    marker = _item_marker(p, case, ctx)
    nr = item_ref(p.nr, ctx)
    if marker:
        return _closed_item(nr, _item_title(p, case, marker, ctx), marker)
    item = {"nr": nr, "tittel": _item_title(p, case, None, ctx), "skjermet": None,
            "saksnr": _item_saksnr(p, case, ctx),
            "tekst": red.text(p.tekst)}
    item["droefting"] = _text_list(p, "droefting", ctx)
    marker = red.hidden(p, "underpunkter")
    item["underpunkter"] = ([{"tittel": None, "tekst": marker, "droefting": [], "oppfoelging": [],
                              "underpunkter": []}] if marker and p.underpunkter
                            else [_subtopic(u, ctx) for u in p.underpunkter])
    item["oppfoelging"] = _followups(p, ctx)
    # who was there is the meeting's deltakere: when that list is skjermet, so is this
    item["inhabile"] = [] if ctx.red.hidden(m, "deltakere") else [
        _inhabil_sentence(d, i, ctx) for d in m.deltakere for i in d.inhabil_i if i.sak == p.nr]
    item.update(behandling_view(p, ctx))
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
    name = ctx.person(s.person) if s.person else s.navn
    if s.tekst:
        line = f"{name} {s.tekst}" if s.tekst.startswith("(") else f"{name}, {s.tekst}"
    else:
        line = name
    tittel = s.tittel
    return {"linje": line, "tittel": tittel}
