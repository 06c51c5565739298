"""The repository's own settings: ``kvk.yaml`` at its root, with its presentation profile.

The presentation profile (``presentasjon:``) says how this municipality's documents look: the
formats of numbers, dates and times, label overrides per målform, letterhead case, the order of
blocks, the head rows, how a value that is not stated prints. A named ``preset`` gives a value
for every key; a key written here overrides the preset's. Every key is optional; a key that is
not written is ``None`` here, and ``kvk.render.profile`` fills it from the preset.

Unknown keys are errors with "did you mean" (the record models' rules), a pattern letter that
is not one is KVK309, an unknown preset is a choice error. Label keys are checked against the
label table when a document is rendered (KVK310): the table belongs to the render layer.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import N_, _
from .common import JaNei, Maalform, Model, choice

# --- patterns -------------------------------------------------------------------------------
#
#   dates    d dd m mm mmmm yy yyyy Ukedag ukedag      "dd.mm.yy", "Ukedag d. mmmm yyyy"
#   times    H HH MM SS                                 "HH:MM", "H.MM"
#   numbers  P (the item's prefix) n nn nnn … (løpenummer, zero-padded to the run's length)
#            yy yyyy (year)                             "yy/n", "P n/yy", "nnn/yy", "[Sak] n/yy"
#
# Letters outside the tokens are an error, so a typo cannot print as text; words go in [ ].

PATTERN_TOKENS = {
    "dato": ("Ukedag", "ukedag", "yyyy", "yy", "mmmm", "mm", "m", "dd", "d"),
    "tid": ("HH", "H", "MM", "SS"),
    "nummer": ("yyyy", "yy", "P"),  # and any run of n
}
_STRAY_LETTER = {"dato": N_("'{piece}' is not a pattern letter of a date (the letters are {letters}; put words in [ ])"),
               "tid": N_("'{piece}' is not a pattern letter of a time (the letters are {letters}; put words in [ ])"),
               "nummer": N_("'{piece}' is not a pattern letter of a number (the letters are {letters}; put words "
                            "in [ ])")}
_SPLITTERS = {
    kind: re.compile(r"\[[^\]]*\]|" + "|".join(re.escape(t) for t in tokens)
                     + (r"|n+" if kind == "nummer" else "") + r"|.", re.S)
    for kind, tokens in PATTERN_TOKENS.items()
}


def split_pattern(pattern: str, kind: str) -> list[tuple[bool, str]]:
    """[(is_token, text)]; raises ValueError naming a stray letter."""
    tokens = PATTERN_TOKENS[kind]
    out: list[tuple[bool, str]] = []
    for m in _SPLITTERS[kind].finditer(pattern):
        piece = m.group(0)
        if len(piece) >= 2 and piece[0] == "[" and piece[-1] == "]":
            out.append((False, piece[1:-1]))
        elif piece in tokens or (kind == "nummer" and set(piece) == {"n"}):
            out.append((True, piece))
        elif piece.isalpha():
            letters = ", ".join(tokens + (("n",) if kind == "nummer" else ()))
            raise ValueError(_(_STRAY_LETTER[kind]).format(piece=piece, letters=letters))
        else:
            out.append((False, piece))
    return out


def _pattern(kind: str):
    def check(value: str) -> str:
        try:
            split_pattern(value, kind)
        except ValueError as err:
            raise PydanticCustomError("kvk_pattern", "{why}", {"why": str(err)}) from None
        return value
    return Annotated[str, AfterValidator(check)]


Datoformat = _pattern("dato")
Tidsformat = _pattern("tid")
Nummerformat = _pattern("nummer")


def _placeholders(*names: str):
    """A text with {name} slots, only the ones listed."""
    def check(value: str) -> str:
        for slot in re.findall(r"\{([^{}]*)\}", value):
            if slot not in names:
                raise PydanticCustomError(
                    "kvk_pattern", _("'{slot}' is not a value here (the values are {names})"),
                    {"slot": "{" + slot + "}", "names": ", ".join("{" + n + "}" for n in names) or _("none")})
        return value
    return Annotated[str, AfterValidator(check)]


# --- the profile ----------------------------------------------------------------------------

PRESETS = ("kvk", "tabell", "skjema")


class Utvalgssaksnrformat(Model):
    """The item number per place; a place left out prints the number as written."""

    overskrift: Nummerformat | None = None  # the item's heading in the minutes and the agenda
    sakliste: Nummerformat | None = None  # the agenda table
    saksgang: Nummerformat | None = None  # a saksframlegg's saksgang table
    i_tekst: Nummerformat | None = None  # inside a sentence ("forlot møtet etter sak 59/08")

    @model_validator(mode="before")
    @classmethod
    def _one_for_all(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"overskrift": value, "sakliste": value, "saksgang": value, "i_tekst": value}
        return value


class Formater(Model):
    dato: Datoformat | None = None  # numeric date: "dd.mm.yyyy", "dd.mm.yy"
    dato_innkalling: Datoformat | None = None  # the meeting date in a notice: "Ukedag d. mmmm yyyy"
    dato_lang: Datoformat | None = None  # titles and the place-and-date line: "d. mmmm yyyy"
    klokkeslett: Tidsformat | None = None  # "HH.MM", "HH:MM", "H:MM"
    klokkeslett_prefiks: str | None = None  # before a time: "kl. ", "Kl. ", ""
    tidsrom: _placeholders("start", "slutt") | None = None  # "{start}–{slutt}", "{start}-{slutt}"
    saksnr: Nummerformat | None = None  # arkivsaksnr: "yyyy/n", "yy/n", "nnn/yyyy"
    utvalgssaksnr: Utvalgssaksnrformat | None = None  # "P n/yy", "nnn/yy", "[Sak] n/yy"
    sted_dato: _placeholders("sted", "dato") | None = None  # the place-and-date line: "{sted}, {dato}", "{sted} {dato}"


class Brevhode(Model):
    versaler: JaNei | None = None  # the letterhead in capitals ("BJUGN KOMMUNE")
    dokumentnavn_versaler: JaNei | None = None  # "MØTEPROTOKOLL" rather than "Møteprotokoll"


#: the values a head row of a meeting document can print (and a head row's format can hold)
MOETE_FELT = ("organisasjon", "dokumentnavn", "utvalg", "tittel", "moetedato", "start", "slutt", "tidsrom",
              "moetested", "rom", "moetenummer", "arkivsak", "saksnr_spenn", "moeteleder", "referent",
              "merknader", "underskrivere", "signatur", "administrasjon", "dokumenter_utdelt")
#: and those of a saksframlegg or an item's sakspapir
SAK_FELT = ("organisasjon", "dokumentnavn", "sak_overskrift", "sak_nr", "sak_type", "tittel", "saksnr", "arkivsaksnr",
            "arkivkode", "saksbehandler", "dato", "utvalg", "moetedato", "avgjoeres_av", "gradering", "objekt")
_FELT_PATTERN = r"andre\.[a-z0-9_]+"  # a meeting's andre_opplysninger: "andre.innkalling"


def _felt(names: tuple[str, ...]):
    def check(value: str) -> str:
        if value in names or (names is MOETE_FELT and re.fullmatch(_FELT_PATTERN, value)):
            return value
        from ..diagnostics import did_you_mean

        extra = " or andre.<key>" if names is MOETE_FELT else ""
        raise PydanticCustomError(
            "kvk_felt", _("'{value}' is not a value a head row can print{close} (the values: {names}{extra})"),
            {"value": value, "close": did_you_mean(value, names), "names": ", ".join(names), "extra": extra})
    return Annotated[str, AfterValidator(check)]


def _format_slots(names: tuple[str, ...]):
    def check(value: str) -> str:
        for slot in re.findall(r"\{([^{}]*)\}", value):
            slot, _colon, pattern = slot.partition(":")
            if pattern:  # "{start:H:MM}", "{moetedato:yyyy-mm-dd}": a date or time in its own pattern
                kind = "tid" if slot in ("start", "slutt") else "dato"
                try:
                    split_pattern(pattern, kind)
                except ValueError as err:
                    raise PydanticCustomError("kvk_pattern", "{why}", {"why": str(err)}) from None
            if slot not in names and not (names is MOETE_FELT and re.fullmatch(_FELT_PATTERN, slot)):
                raise PydanticCustomError("kvk_pattern", _("'{slot}' is not a value here (the values are {names})"),
                                          {"slot": "{" + slot + "}", "names": ", ".join(names)})
        return value
    return Annotated[str, AfterValidator(check)]


def _head_row(names: tuple[str, ...], name: str):
    """A head row: a value with the document's own label ("Møtedato:", "KL.:"), or alone on its
    line ("Kommunestyre"); ``format`` a text with value slots ("{moetedato} Kl. {start}", "kl
    {start}": a value not stated leaves its slot blank, the text stays)."""
    from pydantic import create_model

    row = create_model(
        name, __base__=Model, __module__=__name__,
        __validators__={"felt_or_label": model_validator(mode="after")(_felt_or_label)},
        felt=(_felt(names) | None, None),  # left out: the label alone on its line (a heading: "Behandling", 16)
        etikett=(str | None, None),  # printed as written; left out: the value alone
        format=(_format_slots(names) | None, None),
        tom=(choice("vis", "utelat") | None, None),  # a value not stated: the label alone, or no row (default)
        versaler=(JaNei | None, None),  # the value in capitals ("KOMMUNESTYRET")
    )
    row.__doc__ = _head_row.__doc__
    return row


def _felt_or_label(row: Any) -> Any:
    if row.felt is None and row.etikett is None:
        raise PydanticCustomError("kvk_felt", _("a head row prints a value (felt) or a label (etikett): "
                                                    "give at least one of them"), {})
    return row


MoeteHoderad = _head_row(MOETE_FELT, "MoeteHoderad")
SakHoderad = _head_row(SAK_FELT, "SakHoderad")


def _block_or_row(names: Any, row: Any):
    """A block name, or a head row written as a mapping: the mistake is reported for the one
    the user wrote (a misspelt name, or a head row's own field)."""
    return Annotated[Annotated[names, Tag("Navn")] | Annotated[row, Tag("Rad")],
                     Discriminator(lambda v: "Rad" if isinstance(v, (dict, Model)) else "Navn")]


class MoeteSkjemafelt(Model):
    """A form's head printed column by column, as a transcript of it reads: every row's label,
    one a line, then every row's value ("Utvalg:", "Møtested:", "Råd for eldre …", "Kommunestyresalen …",
    15)."""

    skjemafelt: list[MoeteHoderad]


def _block_row_or_form(names: Any):
    """A meeting document's block: a name, a head row, or a form's column-wise head rows."""
    return Annotated[Annotated[names, Tag("Navn")] | Annotated[MoeteHoderad, Tag("Rad")]
                     | Annotated[MoeteSkjemafelt, Tag("Skjema")],
                     Discriminator(lambda v: ("Skjema" if (isinstance(v, dict) and "skjemafelt" in v)
                                              or isinstance(v, MoeteSkjemafelt)
                                              else "Rad" if isinstance(v, (dict, Model)) else "Navn"))]


ProtokollBlokk = _block_row_or_form(choice("refs", "tittel", "moetedata", "deltakere", "antall", "merknader",
                                           "dokumenter_utdelt", "saksliste", "saker", "sted_dato", "signatur",
                                           "underskrifter", "underskrivere", "merknader_til_innkalling"))
InnkallingBlokk = _block_row_or_form(choice("tittel", "moetedata", "innkalte", "innkalling_tekst", "kunngjoeringer",
                                            "saksliste", "saker", "sted_dato", "hilsen", "signatur", "kopi",
                                            "saksdokumenter"))
#: what a head row of an agenda item in the minutes can print
PUNKT_FELT = ("nr", "tittel", "merknad", "utvalg", "type", "art", "saksbehandler", "arkivsaksnr", "arkivkode",
              "gradering", "moetedato")
PunktHoderad = _head_row(PUNKT_FELT, "PunktHoderad")
SakBlokk = _block_or_row(choice("overskrift", "hode", "inhabile", "innstilling", "tekst", "droefting",
                                "underpunkter", "behandling", "forslag", "votering", "vedtak", "status",
                                "oppfoelging"), PunktHoderad)
HodeRad = _block_or_row(choice("arkivsaksnr", "arkivkode", "gradering", "saksbehandler"), PunktHoderad)
class SakTabell(Model):
    """A small table of head fields: one row of labels, one of values ("Saksnr Utvalg Type Dato" /
    "169/14 Formannskapet PS", 08)."""

    tabell: list[_felt(SAK_FELT)]
    etiketter: list[str]  # the head row, one label a column


FramleggBlokk = Annotated[
    Annotated[choice("brevhode", "saksgang", "felt", "tittel", "innstilling_topp", "vedlegg", "seksjoner",
                     "avgjoeres_av", "klageadgang", "innstilling_slutt", "behandlinger", "tom_behandling"),
              Tag("Navn")] | Annotated[SakHoderad, Tag("Rad")] | Annotated[SakTabell, Tag("Tabell")],
    Discriminator(lambda v: ("Tabell" if (isinstance(v, dict) and "tabell" in v) or isinstance(v, SakTabell)
                             else "Rad" if isinstance(v, (dict, Model)) else "Navn"))]
FramleggFelt = _block_or_row(choice("saksbehandler", "arkivkode", "arkivsaksnr", "gradering", "dato"), SakHoderad)


class Protokoll(Model):
    blokker: list[ProtokollBlokk] | None = None  # the order of the minutes' parts
    # a møtebok of sakspapir: each item's sakspapir (as innkalling.saksdokumenter makes them)
    # before what the meeting did with it (06)
    saksdokumenter: JaNei | None = None
    saksliste: "Saksliste | None" = None  # the minutes' own sakliste, over the top-level one


class Saksprotokoll(Model):
    """One item's protocol (a særutskrift: a meeting record whose dokumenttype is saksprotokoll)."""

    blokker: list[ProtokollBlokk] | None = None  # left out: protokoll.blokker


class Innkalling(Model):
    blokker: list[InnkallingBlokk] | None = None
    saksliste: "Saksliste | None" = None  # the notice's own sakliste, over the top-level one
    # the full sakskart: each item's sakspapir (its case's saksframlegg, or the item's own) after
    # the notice, where blokker has saksdokumenter (at the end when it does not)
    saksdokumenter: JaNei | None = None
    # an item without a sakspapir: nothing (naar_innhold), or its heading alone (alltid, 15)
    saksdokumenter_overskrift: choice("naar_innhold", "alltid") | None = None
    kopi: choice("linje", "liste") | None = None  # "Kopi: A, B" (label kopi_liste) or the label kopi, then one a line




class Saksframlegg(Model):
    blokker: list[FramleggBlokk] | None = None  # the order of the parts (also an item's sakspapir)
    felt: list[FramleggFelt] | None = None  # the header rows, in order
    saksgang: choice("tabell", "liste") | None = None  # a table, or the bodies one a line under a label (09)
    saksgang_overskrift: str | None = None  # a line over the saksgang table: "Behandling av saken:" (12)
    saksgang_kolonner: list[choice("utvalgssaksnr", "utvalg", "moetedato")] | None = None
    # the order inside each of the case's behandlinger: the vedtak before the discussion (10)
    behandling_blokker: list[choice("behandling", "forslag", "votering", "vedtak", "status")] | None = None
    innstilling_plassering: choice("topp", "slutt", "begge") | None = None


class Sak(Model):
    """One agenda item in the minutes and the agenda."""

    overskrift: _placeholders("nr", "tittel") | None = None  # "{nr}: {tittel}", "{nr} {tittel}"
    nummerering: choice("som_skrevet", "loepende") | None = None  # as recorded, or 1, 2, 3 …
    blokker: list[SakBlokk] | None = None  # the order inside an item in the minutes
    hode: list[HodeRad] | None = None  # the møtebok's head rows of an item


Kolonne = choice("navn", "funksjon", "parti", "representerer", "stilling", "organisasjon", "moette_for", "vara")
# "Til stede: A, B", a table, one name a line; kolonnevis: a table read column by column, each
# column's heading then its cells one a line (a paper form's cells, 06)
DeltakerForm = choice("linje", "tabell", "liste", "kolonnevis")
#: the groups kvk puts a participant in by itself (p.gruppe); a profile group may select them
STANDARDGRUPPER = ("faste_moett", "faste_ikke_moett", "vara_moett", "vara_ikke_moett", "administrasjon",
                   "andre", "uten_kategori", "innkalt")
#: a participant's kategori or oppmoete that the record does not state
IKKE_OPPGITT = "ikke_oppgitt"


def _one_or_more(value: Any) -> Any:
    """A selection value: one value or a list; YAML's null (not stated) is ikke_oppgitt."""
    values = value if isinstance(value, list) else [value]
    return [IKKE_OPPGITT if v is None else v for v in values]


def _selection(*values: str):
    return Annotated[list[choice(*values, IKKE_OPPGITT)], BeforeValidator(_one_or_more)]


class Velg(Model):
    """Who a group takes: every key given must fit (a list: any of its values); a participant
    is in the first group that takes them."""

    kategori: _selection("fast_medlem", "varamedlem", "administrasjon", "sekretariat", "gjest",
                         "observatoer", "annet") | None = None
    oppmoete: _selection("moett", "forfall", "ikke_moett", "fravaer", "permisjon") | None = None
    # kvk's own group (STANDARDGRUPPER), or the free group a participant's record names (p.gruppe)
    gruppe: Annotated[list[str], BeforeValidator(_one_or_more)] | None = None
    inhabil: JaNei | None = None  # ja: those inhabil in an item (the form's "Ugilde" table, 06)


class Gruppe(Model):
    """An attendance group with the document's own label ("Medlemmer:", "Forfall/møtte ikkje")."""

    etikett: str | None = None  # printed as written, punctuation included; left out: no label line
    velg: Velg | None = None  # left out: everyone no earlier group took
    id: str | None = None  # for a template: g.id (default: gruppe_1, gruppe_2 …)
    kolonner: list[Kolonne] | None = None  # default: deltakere.kolonner
    overskrift_rad: list[str] | None = None  # the table's head row as the document words it (default: the column labels)
    # how a person prints in a linje or liste group: "{navn}[ ({funksjon})]", "{stilling} {navn}[ {til_stede_i}]";
    # a part in [ ] prints only when its values are stated
    format: _placeholders("navn", "funksjon", "parti", "representerer", "stilling", "organisasjon", "moette_for",
                          "til_stede_i") | None = None
    form: DeltakerForm | None = None  # default: deltakere.form
    tom: choice("vis", "utelat") | None = None  # an empty group: its label alone, or nothing (default)


class Deltakere(Model):
    form: DeltakerForm | None = None  # "Til stede: A, B", tables per group, or one name a line
    kolonner: list[Kolonne] | None = None
    # the groups with the document's labels and selections, in print order (default: kvk's groups)
    grupper: list[Gruppe] | None = None
    overskrift: str | None = None  # a heading over all groups: "Til stede på møtet"
    antall: choice("nei", "til_stede", "av_medlemmer") | None = None  # "Til stede: 8 representanter" / "Av 35 medlemmer møtte 34"


class Signaturform(Model):
    # a signature's text ("(sign)") after the name, or on its own line under the title (11)
    tekst: choice("etter_navn", "egen_linje") | None = None


class SakslisteGruppe(Model):
    """A part of the sakliste with its own heading: the items of one number series (13)."""

    etikett: str  # printed as written: "Møteinnkalling", "Saker til behandling"
    serie: str | None = None  # the items' serie; left out: the items no earlier group took


class Saksliste(Model):
    # the sakliste's columns; unntatt: the hjemmel of an exempt item (headed "Unntatt offentlighet", 15)
    kolonner: list[choice("nr", "arkivsaksnr", "tittel", "unntatt")] | None = None
    # tabell, or kolonnevis: each column's heading, then its cells one a line (a form read column
    # by column, 15)
    form: choice("tabell", "kolonnevis") | None = None
    underoverskrift: _placeholders("utvalg", "dato") | None = None  # a line under the heading: "{utvalg}, {dato}" (15)
    grupper: list[SakslisteGruppe] | None = None  # parts with headings, in order (default: one list)


class Votering(Model):
    setning: choice("kort", "naturlig") | None = None  # "Enstemmig vedtatt." / "Ved votering ble …"
    partier: JaNei | None = None  # which parties voted for which proposal (koml. § 11-4 e)


#: the sentences a document says of votes, proposals and signing (``fraser.<målform>.<key>``),
#: with the values each may hold; their built-in text, in bokmål and nynorsk, is the label of
#: the same key (kvk.render.labels)
FRASER: dict[str, tuple[str, ...]] = {
    # a vote, short (votering.setning: kort): "Enstemmig vedtatt.", "Vedtatt med 4 mot 1 stemme."
    "enstemmig_vedtatt": ("over",),
    "vedtatt_med": ("over", "for", "mot", "stemmer"),
    "falt_med": ("over", "for", "mot", "stemmer"),
    "vedtatt": ("over",),
    "falt": ("over",),
    # a vote, natural (votering.setning: naturlig): "Ved votering ble {over} enstemmig vedtatt."
    "votering_enstemmig": ("over",),
    "votering_vedtatt_med": ("over", "for", "mot", "stemmer", "partier"),
    "votering_falt_med": ("over", "for", "mot", "stemmer", "partier"),
    "votering_vedtatt": ("over",),
    "votering_falt": ("over",),
    # a proposal as one sentence: "{fremmet_av} fremmet forslag om at {tekst}" (01); left out
    # (kvk has no sentence for it): its heading, then its text
    "forslag_setning": ("overskrift", "fremmet_av", "tekst"),
    # an item whose record says forslag: ingen ("Det vart ikkje fremja forslag …", 16)
    "ingen_forslag": (),
    # a sakspapir whose record says vedlegg: ingen ("Ingen vedlegg.", 06)
    "ingen_vedlegg": (),
    # a meeting whose record says merknader_til_innkalling: ingen (block merknader_til_innkalling)
    "ingen_merknader_innkalling": (),
    # the signing block (blocks underskrifter, underskrivere): the formula, who signs
    "underskrift_formel": (),
    "underskrivere": ("navn_liste",),
}


def _fraser_model() -> Any:
    from pydantic import create_model

    model = create_model("Fraser", __base__=Model, __module__=__name__,
                         **{key: (_placeholders(*slots) | None, None) for key, slots in FRASER.items()})
    model.__doc__ = "The document's own sentences in one målform; a key left out is kvk's sentence."
    return model


Fraser = _fraser_model()


class Presentasjon(Model):
    preset: choice(*PRESETS) = "kvk"
    formater: Formater | None = None
    etiketter: dict[Maalform, dict[str, str]] | None = None  # label and phrase overrides per målform
    fraser: dict[Maalform, Fraser] | None = None  # the document's own sentences per målform (FRASER)
    tom: str | None = None  # how a value the document does not state prints ("", "–")
    brevhode: Brevhode | None = None
    protokoll: Protokoll | None = None
    saksprotokoll: Saksprotokoll | None = None
    innkalling: Innkalling | None = None
    saksframlegg: Saksframlegg | None = None
    sak: Sak | None = None
    deltakere: Deltakere | None = None
    votering: Votering | None = None
    saksliste: Saksliste | None = None
    signatur: Signaturform | None = None

Protokoll.model_rebuild()
Innkalling.model_rebuild()

# --- the sender of published messages (KS Fiks, open data): who the municipality is ---------

#: Enhetsregisteret's weights for the mod-11 check digit of an organisasjonsnummer
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def parse_organisasjonsnummer(value: Any) -> str:
    """Nine digits whose last is the mod-11 check digit of the first eight ('974 760 673' is
    written without its spaces)."""
    text = re.sub(r"\s", "", str(value))
    if not re.fullmatch(r"\d{9}", text):
        raise PydanticCustomError("kvk_orgnr", _("'{value}' is not an organisasjonsnummer: it has nine digits"),
                                  {"value": str(value)})
    rest = sum(int(d) * w for d, w in zip(text, _ORGNR_WEIGHTS)) % 11
    check = 0 if rest == 0 else 11 - rest
    if check == 10 or check != int(text[8]):
        raise PydanticCustomError("kvk_orgnr", _("'{value}' is not an organisasjonsnummer: its check digit "
                                  "does not fit (a digit is wrong or two are swapped)"), {"value": text})
    return text


def parse_kommunenummer(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise PydanticCustomError("kvk_kommunenr", _("'{value}' is not a kommunenummer: it has four digits, "
                                  "e.g. 0301 (write it in quotes)"), {"value": text})
    return text


Organisasjonsnummer = Annotated[str, BeforeValidator(parse_organisasjonsnummer)]
Kommunenummer = Annotated[str, BeforeValidator(parse_kommunenummer)]


class Brevark(Model):
    """The municipality's stationery (issue 16): what every document's letterhead shows beside
    the name, and the Word template DOCX output is filled into. Paths are relative to the
    repository root; kvk.render.letterhead reads and checks them when a document is made."""

    logo: str | None = None  # coat of arms or logo, an SVG or PNG file: "maler/våpen.svg"
    logo_tekst: str | None = None  # the logo's alternative text (default: "Kommunevåpen for <organisasjon>")
    adresse: list[str] = Field(default_factory=list)  # postal address, one line each
    telefon: str | None = None
    epost: str | None = None
    nettside: str | None = None
    word_mal: str | None = None  # the Word template for --format docx: "templates/brevmal.docx"


def _profile_name(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise PydanticCustomError("kvk_profil", _("'{value}' is not a profile name: lower-case letters, digits, "
                                                      "- and _ (a body names it: profil: {value})"), {"value": value})
    return value


class Config(Model):
    organisasjon: str  # the organisation's name, for letterheads: "Bjugn kommune"
    maalform: Maalform = "nb"
    # where a saksframlegg prints the innstilling: at the top, at the end, or both (a shorthand
    # for presentasjon.saksframlegg.innstilling_plassering)
    innstilling_plassering: choice("topp", "slutt", "begge") = "slutt"
    kommunenummer: Kommunenummer | None = None
    organisasjonsnummer: Organisasjonsnummer | None = None  # the sender of KS Fiks messages
    presentasjon: Presentasjon = Field(default_factory=Presentasjon)
    # named profiles for the bodies of other organisations (a body's profil: a fylkeskommune's
    # råd, an IKS): each a whole profile of its own, its preset and keys, not over presentasjon
    profiler: dict[Annotated[str, AfterValidator(_profile_name)], Presentasjon] = Field(default_factory=dict)
    brevark: Brevark = Field(default_factory=Brevark)  # letterhead and Word template (docs/rendering.md)
