"""People in the view model: participants with their function, party, organisation, category
and presence; the attendance groups and head counts; votes by person and by party.

Templates get data (``p.navn``, ``p.funksjon.tekst``, ``p.parti.kortnavn`` …), never a joined
string. A person prints as ``p.tekst`` when a template writes ``{{ p }}`` or joins a list of
them: the form kvk's default line layout uses ("Arne Vik (for Eva Strand)").
"""

from __future__ import annotations

from typing import Any

from ..models.meeting import ABSENT  # every kind of absence, fravaer included
#: roles that count towards the body's size and vote (Medlem.rolle)
VOTING = ("leder", "nestleder", "medlem", "ordfoerer", "varaordfoerer", "varamedlem")


class Person(dict):
    """A dict of the person's facts that prints as its ``tekst``."""

    def __str__(self) -> str:
        return str(self.get("tekst") or self.get("navn") or "")


def registers(index: Any) -> tuple[dict, dict]:
    """The organisation file's party register and other organisations, by id."""
    parties: dict[str, Any] = {}
    organisations: dict[str, Any] = {}
    for rec in getattr(index, "records", []):
        model = getattr(rec, "model", None)
        for party in getattr(model, "partier", None) or []:
            parties.setdefault(party.id, party)
        for org in getattr(model, "organisasjoner", None) or []:
            organisations.setdefault(org.id, org)
    return parties, organisations


def _registers(ctx: Any) -> tuple[dict, dict]:
    cached = getattr(ctx, "_registers", None)
    if cached is None:
        cached = registers(ctx.index)
        try:
            ctx._registers = cached
        except AttributeError:  # a context that takes no attributes: look up every time
            pass
    return cached


def party(pid: str, ctx: Any) -> dict:
    """{id, kortnavn, navn} of a party id; an id the register does not hold prints as the id."""
    found = _registers(ctx)[0].get(pid)
    if found is None:
        return {"id": pid, "kortnavn": pid, "navn": None}
    return {"id": pid, "kortnavn": found.kortnavn or found.navn or pid, "navn": found.navn}


def _party(person: Any, ctx: Any) -> dict | None:
    """The person's party from the party register, else what ``representerer`` says (for a
    folkevalgt: a tillitsvalgt's union is not a party)."""
    pid = getattr(person, "parti", None)
    if pid:
        return party(pid, ctx)
    said = getattr(person, "representerer", None)
    if said and getattr(person, "part", None) in (None, "folkevalgt"):
        for entry in _registers(ctx)[0].values():  # "Ap" written as text names a registered party
            if said.strip().lower() in (entry.id, (entry.kortnavn or "").lower()):
                return party(entry.id, ctx)
        return {"id": None, "kortnavn": said, "navn": None}
    return None


def _organisation(person: Any, ctx: Any) -> dict | None:
    oid = getattr(person, "organisasjon", None)
    if not oid:
        return None
    org = _registers(ctx)[1].get(oid)
    if org is None:
        return {"id": oid, "navn": oid, "kortnavn": None}
    return {"id": oid, "navn": getattr(org, "navn", None) or oid, "kortnavn": getattr(org, "kortnavn", None)}


def _membership(pid: str, body_id: str | None, ctx: Any) -> Any:
    body = ctx.index.body(body_id) if body_id else None
    for m in (body.medlemmer if body else []):
        if m.person == pid:
            return m
    return None


def funksjon(rolle: str | None, ctx: Any) -> dict | None:
    if not rolle:
        return None
    from .labels import LABELS

    key = f"funksjon_{rolle}"
    return {"kode": rolle, "tekst": ctx.t(key) if key in LABELS else rolle.replace("_", " ").capitalize()}


def person(pid: str | None, ctx: Any, body_id: str | None = None, rolle: str | None = None) -> Person | None:
    """A person's facts from the organisation file; an unknown id is printed as the id."""
    if pid is None:
        return None
    record = ctx.index.person(pid)
    membership = _membership(pid, body_id, ctx)
    rolle = rolle or (membership.rolle if membership is not None else None)
    navn = record.navn if record else pid
    party = _party(record, ctx) if record else None
    org = _organisation(record, ctx) if record else None
    own = getattr(membership, "representerer", None) if membership is not None else None
    return Person(
        id=pid, navn=navn, tekst=navn,
        kortnavn=_short_name(navn),
        initialer=getattr(record, "initialer", None) if record else None,
        stilling=getattr(record, "tittel", None) if record else None,
        funksjon=funksjon(rolle, ctx),
        parti=party,
        organisasjon=org,
        representerer=own or (getattr(record, "representerer", None) if record else None)
        or (party or {}).get("kortnavn") or (org or {}).get("kortnavn") or (org or {}).get("navn"),
    )


def _short_name(navn: str) -> str:
    """"Jørn Inge Næss" -> "J. I. Næss"."""
    parts = navn.split()
    if len(parts) < 2:
        return navn
    return " ".join([f"{p[0]}." for p in parts[:-1]] + [parts[-1]])


# --- one meeting's participants ------------------------------------------------------------------

def participants(m: Any, ctx: Any) -> list[Person]:
    """Every participant of the meeting, in record order, with what the meeting records of them."""
    absent = {d.person for d in m.deltakere if d.oppmoete in ABSENT}
    substitutes = {d.moette_for: d.person for d in m.deltakere if d.moette_for}
    out = []
    for d in m.deltakere:
        p = person(d.person, ctx, m.utvalg, d.rolle)
        kategori = d.kategori or _category(d, p)
        p.update(
            kategori=kategori,
            oppmoete=d.oppmoete,
            moette_for=person(d.moette_for, ctx, m.utvalg) if d.moette_for else None,
            vara=person(substitutes[d.person], ctx, m.utvalg) if d.person in substitutes else None,
            hendelser=_events(d, ctx),
            inhabil=[{"sak": i.sak, "hjemmel": i.hjemmel} for i in d.inhabil_i],
            til_stede_i=list(d.til_stede_i),
            til_stede_i_tekst=(ctx.t("til_stede_i_saker", saker=", ".join(_compact_range(x) for x in d.til_stede_i))
                               if d.til_stede_i else None),
            stemmerett=d.stemmerett,
            forfall_grunn=None if ctx.public else d.forfall_grunn,  # may be health data: internal only
            merknad=d.merknad,
        )
        p["gruppe"] = getattr(d, "gruppe", None) or _group(p)  # the record's own free group ("andre", 13)
        p["notater"] = _notes(d, p, absent, ctx)
        p["tekst"] = f"{p['navn']} ({'; '.join(p['notater'])})" if p["notater"] else p["navn"]
        out.append(p)
    return out


def _compact_range(text: str) -> str:
    """"16/18-24/18" -> "16-24/18": a range within one year's numbers, as a sentence says it."""
    import re

    m = re.fullmatch(r"(\d+)(/\d+)-(\d+)(/\d+)", text.strip())
    if m and m.group(2) == m.group(4):
        return f"{m.group(1)}-{m.group(3)}{m.group(2)}"
    return text


def _category(d: Any, p: Person) -> str | None:
    """Not stated: a substitute is a varamedlem; a member of the body is a fast medlem."""
    if d.moette_for:
        return "varamedlem"
    f = (p.get("funksjon") or {}).get("kode")
    if f == "varamedlem":
        return "varamedlem"
    if f in VOTING:
        return "fast_medlem"
    return None


def _group(p: Person) -> str:
    """The default group: the headings of a political protokoll."""
    if p["oppmoete"] is None:
        return "innkalt"
    if p["kategori"] in ("administrasjon", "sekretariat"):
        return "administrasjon"
    if p["kategori"] in ("gjest", "observatoer"):
        return "andre"
    if p["kategori"] == "varamedlem":
        return "vara_ikke_moett" if p["oppmoete"] in ABSENT else "vara_moett"
    if p["kategori"] is None:
        # the record does not say who they are (01: six names after two labels): not a member
        # by guess; a profile group can place them (velg: {kategori: ikke_oppgitt})
        return "uten_kategori"
    return "faste_ikke_moett" if p["oppmoete"] in ABSENT else "faste_moett"


def _events(d: Any, ctx: Any) -> list[dict]:
    from .view import item_ref_inline

    out = []
    for hva, when in (("kom", d.til_stede_fra), ("forlot", d.til_stede_til)):
        if when is None:
            continue
        if when.kl is not None:
            from .environment import kl

            punkt = {"art": "kl", "kl": when.kl, "sak": None}
            tekst = ctx.t(f"{hva}_kl", kl=kl(when.kl))
        else:
            punkt = {"art": "foer" if hva == "kom" else "etter", "kl": None, "sak": when.sak}
            tekst = ctx.t(f"{hva}_sak", sak=item_ref_inline(when.sak, ctx))
        out.append({"hva": hva, "punkt": punkt, "permisjon": False, "tekst": tekst})
    return out


def _notes(d: Any, p: Person, absent: set, ctx: Any) -> list[str]:
    """The notes kvk's line layout prints after a name, in its order."""
    from .view import item_ref_inline

    notes: list[str] = []
    if d.oppmoete in ABSENT:
        if p["forfall_grunn"]:
            notes.append(p["forfall_grunn"])
        if p["vara"] is not None:
            notes.append(ctx.t("navn_moette", navn=p["vara"]["navn"]))
    elif d.oppmoete is not None:
        # "(for X)" only when X is not listed under Forfall with "(Y møtte)" already
        if d.moette_for and d.moette_for not in absent:
            notes.append(ctx.t("moette_for", navn=p["moette_for"]["navn"]))
        notes.extend(e["tekst"] for e in p["hendelser"])
        if d.inhabil_i:
            refs = ", ".join(item_ref_inline(i.sak, ctx) for i in d.inhabil_i)
            notes.append(ctx.t("inhabil_i", saker=refs))
    if d.merknad:
        notes.append(d.merknad)
    return notes


#: the attendance groups, in print order: id -> label key
GROUPS = (
    ("faste_moett", "gruppe_faste_moett"),
    ("faste_ikke_moett", "gruppe_faste_ikke_moett"),
    ("vara_moett", "gruppe_vara_moett"),
    ("administrasjon", "gruppe_administrasjon"),
    ("andre", "gruppe_andre"),
    ("uten_kategori", "gruppe_uten_kategori"),
)


def person_text(p: Person, pattern: str | None, form: str) -> str:
    """How a person prints in a linje or liste group: by the group's ``format`` (a part in
    [ ] only when its values are stated), else kvk's: the name with its notes in a line, the
    name alone in a list."""
    import re

    if not pattern:
        return str(p) if form == "linje" else p["navn"]

    def fill(text: str) -> tuple[str, bool]:
        stated = True

        def one(m: re.Match) -> str:
            nonlocal stated
            value = p.get("til_stede_i_tekst") if m.group(1) == "til_stede_i" else cell(p, m.group(1))
            if not value:
                stated = False
            return value or ""
        return re.sub(r"\{([^{}]*)\}", one, text), stated

    def optional(m: re.Match) -> str:
        text, stated = fill(m.group(1))
        return text if stated else ""
    text, _ = fill(re.sub(r"\[([^\[\]]*)\]", optional, pattern))
    return " ".join(text.split())


def _group_view(gid: str, etikett: str, overskrift: str, cols: list[str], form: str, tom: str,
                members: list[Person], ctx: Any, heads: list[str] | None = None, pattern: str | None = None) -> dict:
    return {"id": gid, "etikett": etikett, "overskrift": overskrift, "kolonner": cols, "form": form,
            "linjer": [person_text(p, pattern, form) for p in members],
            "tom": tom, "overskrifter": list(heads) if heads else [ctx.t(f"kolonne_{c}") for c in cols],
            "celler": [[cell(p, c) for c in cols] for p in members], "personer": members}


def groups(people: list[Person], ctx: Any) -> list[dict]:
    """The attendance groups: the profile's ``deltakere.grupper`` when it gives them, else kvk's
    groups that have someone in them. {id, etikett, overskrift, kolonner, form, tom,
    overskrifter, celler, personer}."""
    kolonner = list(ctx.profile.get("deltakere", "kolonner"))
    form = ctx.profile.get("deltakere", "form")
    chosen = ctx.profile.get("deltakere", "grupper")
    if chosen:
        return _profile_groups(chosen, people, kolonner, form, ctx)
    out = []
    for gid, key in GROUPS:
        members = [p for p in people if p["gruppe"] == gid]
        if not members:
            continue
        cols = kolonner
        if gid == "vara_moett":
            cols = ["moette_for" if c == "funksjon" else c for c in kolonner]
            if "moette_for" not in cols:
                cols = [cols[0], "moette_for", *cols[1:]]
        elif gid == "administrasjon":
            cols = ["navn", "stilling"]
        label = ctx.t(key)
        out.append(_group_view(gid, label, f"{label}:", cols, form, "utelat", members, ctx))
    return out


def _takes(velg: dict | None, p: Person) -> bool:
    from ..models.config import IKKE_OPPGITT

    for key in ("kategori", "oppmoete", "gruppe"):
        wanted = (velg or {}).get(key)
        if wanted is not None and (p[key] if p[key] is not None else IKKE_OPPGITT) not in wanted:
            return False
    inhabil = (velg or {}).get("inhabil")
    return inhabil is None or bool(p.get("inhabil")) == inhabil


def _profile_groups(chosen: list[dict], people: list[Person], kolonner: list[str], form: str,
                    ctx: Any) -> list[dict]:
    """The profile's groups, in its order: each participant in the first group that takes
    them (``p.gruppe`` becomes that group's id); a participant no group takes is not printed
    in a group (the document does not list them)."""
    placed: dict[int, list[Person]] = {i: [] for i in range(len(chosen))}
    for p in people:
        for i, g in enumerate(chosen):
            if _takes(g.get("velg"), p):
                placed[i].append(p)
                p["gruppe"] = g.get("id") or f"gruppe_{i + 1}"
                break
    out = []
    for i, g in enumerate(chosen):
        members, tom = placed[i], g.get("tom") or "utelat"
        if not members and tom != "vis":
            continue
        out.append(_group_view(g.get("id") or f"gruppe_{i + 1}", g.get("etikett"), g.get("etikett"),
                               list(g.get("kolonner") or kolonner), g.get("form") or form, tom, members, ctx,
                               g.get("overskrift_rad"), g.get("format")))
    return out


def cell(p: Person, column: str) -> str:
    """What a table column prints for a person; empty when not stated."""
    value = p.get(column)
    if column == "navn":
        return p["navn"]
    if isinstance(value, dict):
        return value.get("tekst") or value.get("kortnavn") or value.get("navn") or ""
    return "" if value is None else str(value)


def head_count(m: Any, people: list[Person], ctx: Any) -> dict:
    """{til_stede, medlemmer, tekst}: how many voting participants met, of how many members."""
    present = [p for p in people if p["oppmoete"] not in ABSENT and p["oppmoete"] is not None
               and p["kategori"] in ("fast_medlem", "varamedlem")]
    body = ctx.index.body(m.utvalg)
    size = len([x for x in (body.medlemmer if body else []) if x.rolle in VOTING and x.rolle != "varamedlem"])
    form = ctx.profile.get("deltakere", "antall")
    if form == "av_medlemmer" and size:
        tekst = ctx.t("antall_av_medlemmer", antall=size, moett=len(present))
    elif form in ("til_stede", "av_medlemmer"):
        tekst = ctx.t("antall_til_stede", n=len(present),
                      representanter=ctx.t("representant" if len(present) == 1 else "representanter"))
    else:
        tekst = None
    return {"til_stede": len(present), "medlemmer": size or None, "tekst": tekst}


# --- votes ---------------------------------------------------------------------------------------

def party_of(p: Person | None) -> str | None:
    if p is None:
        return None
    return (p.get("parti") or {}).get("kortnavn")


def party_votes(stemmer: dict[str, list[Person]], ctx: Any) -> dict:
    """{ja, nei, blankt}: per side the parties in order of first appearance, each
    {parti, antall, personer, delt}; a party whose members voted on more than one side is
    ``delt`` and names its members (kommuneloven § 11-4 e)."""
    sides: dict[str, dict[str, list[Person]]] = {"ja": {}, "nei": {}, "blankt": {}}
    for side, people in stemmer.items():
        for p in people:
            sides[side].setdefault(party_of(p) or ctx.t("uten_parti"), []).append(p)
    seen: dict[str, int] = {}
    for parties in sides.values():
        for name in parties:
            seen[name] = seen.get(name, 0) + 1
    out = {}
    for side, parties in sides.items():
        entries = []
        for name, members in parties.items():
            split = seen[name] > 1
            tekst = f"{name} ({', '.join(x['navn'] for x in members)})" if split else name
            entries.append({"parti": name, "antall": len(members), "personer": members, "delt": split,
                            "tekst": tekst})
        out[side] = entries
    return out


def stated_party_votes(v: Any, ctx: Any) -> dict | None:
    """Party groups as the record states them (``partier: {mot: [h, frp]}``), when it does."""
    given = getattr(v, "partier", None)
    if not given:
        return None
    out = {}
    for side, key in (("ja", "for_"), ("nei", "mot"), ("blankt", "blankt")):
        ids = getattr(given, key, None) or getattr(given, side, None) or []
        entries = []
        for pid in ids:
            name = party(pid, ctx)["kortnavn"]
            entries.append({"parti": name, "antall": None, "personer": [], "delt": False, "tekst": name})
        out[side] = entries
    return out
