"""A meeting (møte): the notice and agenda before it, the minutes after it."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .behandling import Behandlingsinnhold
from .common import (
    Arkivsaksnr, Dato, Heltall, Id, Intern, JaNei, Klokkeslett, Maalform, MedIngen, Model, PersonRef,
    Saksnr, Skjermbar, Tekst, UtvalgRef, choice, parse_time,
)
from .papers import Innstilling, Seksjon, Vedlegg

Rolle = choice("leder", "nestleder", "medlem", "varamedlem", "moeteleder", "referent", "sekretaer",
               "prosjektleder", "raadmann", "administrasjonssjef", "ordfoerer", "varaordfoerer",
               "hovedtillitsvalgt", "hovedverneombud", "tillitsvalgt", "observatoer", "gjest",
               "saksbehandler", "annet")


class Tidspunkt(Model):
    """A point in the meeting: a clock time ('forlot møtet kl. 13.15') or an agenda item
    ('tiltrådte under behandling av sak 47/09')."""

    kl: Klokkeslett | None = None
    sak: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                parse_time(value)
                return {"kl": value}
            except PydanticCustomError:
                return {"sak": value}
        return value

    @model_validator(mode="after")
    def _exactly_one(self):
        if (self.kl is None) == (self.sak is None):
            raise PydanticCustomError("kvk_inconsistent", _("give either kl or sak, not both or neither"), {})
        return self


class Inhabilitet(Model):
    sak: str  # agenda item nr (or id)
    hjemmel: str | None = None  # "fvl. § 6 første ledd bokstav a"
    vara: PersonRef | None = None  # who met instead for that item


#: an absence from the whole meeting, by kind: forfall (sent notice), ikke_moett (no-show, no
#: notice), permisjon (leave granted), fravaer (absent, the document does not say which)
ABSENT = ("forfall", "ikke_moett", "permisjon", "fravaer")


class Hendelse(Model):
    """A presence event: someone arrives (kom) or leaves (forlot) at one point of the meeting.
    Points: ``foer`` an item (before it starts: "fra og med sak X"), ``etter`` an item (after it
    ends: "etter sak X"), ``under`` an item (during it: "under behandling av sak X"), or ``kl``
    (a clock time, which cannot be placed among the items)."""

    hva: choice("kom", "forlot")
    foer: str | None = None
    etter: str | None = None
    under: str | None = None
    kl: Klokkeslett | None = None
    permisjon: JaNei | None = None  # "fikk permisjon og forlot møtet"
    merknad: Tekst | None = None

    @model_validator(mode="after")
    def _one_point(self):
        given = [n for n in ("foer", "etter", "under", "kl") if getattr(self, n) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "kvk_inconsistent", _("a presence event has one point: foer, etter, under or kl"),
                {"loc": (given[1],) if given else ()})
        return self

    @property
    def sak(self) -> str | None:
        """The agenda item the event is placed at, if any."""
        return self.foer or self.etter or self.under


class Deltaker(Model):
    person: PersonRef
    oppmoete: choice("moett", *ABSENT) | None = None  # None: not (yet) known
    rolle: Rolle | None = None  # the function in the meeting (the view calls it funksjon)
    kategori: choice("fast_medlem", "varamedlem", "administrasjon", "sekretariat", "gjest",
                     "observatoer", "annet") | None = None  # None: the document does not say
    gruppe: Id | None = None  # a free group the profile names ("Andre:")
    moette_for: PersonRef | None = None  # a substitute: "(Øystein Sende møtte)"
    # shorthands kept from before events: til_stede_fra {sak: X} is 'kom foer X',
    # til_stede_til {sak: X} is 'forlot etter X'; a clock time keeps its meaning
    til_stede_fra: Tidspunkt | None = None
    til_stede_til: Tidspunkt | None = None
    hendelser: list[Hendelse] = Field(default_factory=list)  # arriving and leaving, in order
    til_stede_i: list[str] = Field(default_factory=list)  # only these items or ranges: 16/18-24/18
    inhabil_i: list[Inhabilitet] = Field(default_factory=list)
    stemmerett: JaNei | None = None  # default: members and substitutes who met
    forfall_grunn: Intern | None = None  # may be health data: never in a public output
    merknad: Tekst | None = None


class Oppfoelging(Model):
    tiltak: Tekst
    ansvarlig: PersonRef | None = None
    frist: Dato | None = None
    status: choice("ikke_startet", "paagaar", "utfoert", "utgaar") | None = None


class Underpunkt(Skjermbar):
    tittel: Tekst
    tekst: Tekst | None = None
    droefting: list[Tekst] = Field(default_factory=list)
    oppfoelging: list[Oppfoelging] = Field(default_factory=list)
    underpunkter: list["Underpunkt"] = Field(default_factory=list)


ARTER = ("saksliste", "godkjenning_innkalling", "godkjenning_protokoll", "referatsaker", "melding",
         "delegert_vedtak", "orientering", "droefting", "interpellasjon", "spoersmaal", "valg",
         "eventuelt", "aapen_post", "annet")

#: the fields an item gives only when it links no case record (the case holds them otherwise);
#: an item's saksbehandler predates them and stays allowed beside a case (P5: records stay valid)
SAKSPAPIR_FELT = ("arkivsaksnr", "innstilling", "seksjoner", "vedlegg")


class Lukking(Model):
    """A closed item (B-sak, lukket møte): the hjemmel for closing the doors. What is exempt from
    public access is still decided by ``skjerming``."""

    hjemmel: str


class Punkt(Behandlingsinnhold):
    """An agenda item (sakskartpunkt) and, after the meeting, what came of it."""

    INGEN_FELT = ("forslag", "vedlegg")

    id: Id | None = None  # for references when the number is not stated or not unique
    nr: str | None = None  # as printed: "1", "45/08", "PS 45/08", "/13" (number not stated)
    tittel: Tekst | None = None
    offentlig_tittel: Tekst | None = None
    sak: Saksnr | None = None  # the case this item treats
    # the Noark møtesakstype; the older kinds (orientering …) are read as art
    type: choice("PS", "RS", "DS", "FO", "orientering", "droefting", "godkjenning", "eventuelt",
                 "interpellasjon", "annet") | None = None
    art: choice(*ARTER) | None = None  # what kind of item it is
    serie: Id | None = None  # the number series, when a body keeps several
    del_av: str | None = None  # an RS under "Referatsaker": that item's nr or id
    reist_i_moetet: JaNei | None = None  # raised in the meeting, not on the notice
    tilleggssak: JaNei | None = None  # from a tilleggsinnkalling
    lukket: Lukking | None = None  # a closed item (B-sak)
    behandlet_som: str | None = None  # "Sak nr. 62/08 ble behandlet som sak nr. 1."
    merknad: Tekst | None = None  # a remark printed with the item
    antall_til_stede: Heltall | None = Field(default=None, ge=0)  # a stated head count at this item
    # the sakspapir of an item without a case record
    arkivsaksnr: Arkivsaksnr | None = None
    saksbehandler: PersonRef | None = None
    innstilling: Innstilling | None = None
    seksjoner: list[Seksjon] = Field(default_factory=list)
    vedlegg: list[Vedlegg] = Field(default_factory=list)
    innleder: PersonRef | None = None
    tekst: Tekst | None = None
    droefting: list[Tekst] = Field(default_factory=list)
    underpunkter: list[Underpunkt] = Field(default_factory=list)
    oppfoelging: list[Oppfoelging] = Field(default_factory=list)

    @property
    def ref(self) -> str | None:
        """What presence, inhabilitet and del_av call this item: its nr, else its id."""
        return self.nr or self.id

    @property
    def kind(self) -> str | None:
        """The item's art, or the older kind written as its type ('godkjenning' is a protokoll's)."""
        if self.art is not None:
            return self.art
        if self.type in ("orientering", "droefting", "eventuelt", "interpellasjon", "annet"):
            return self.type
        return "godkjenning_protokoll" if self.type == "godkjenning" else None

    @model_validator(mode="after")
    def _case_holds_its_papers(self):
        if self.sak is not None:
            for name in SAKSPAPIR_FELT:
                if getattr(self, name):
                    raise PydanticCustomError(
                        "kvk_twice", _("the item links case {sak}, which holds its {name}: give it there, once"),
                        {"sak": self.sak, "name": name, "loc": (name,)})
        return self


class Signatur(Model):
    person: PersonRef | None = None
    underskrevet_av: PersonRef | None = None  # who actually signs "for" the person
    navn: Tekst | None = None  # someone not in the organisation file
    tekst: Tekst | None = None  # after the name: "ref.", "(sign.)"
    tittel: Tekst | None = None  # the line below: "Prosjektleder"

    @model_validator(mode="after")
    def _who(self):
        if not self.person and not self.navn:
            raise PydanticCustomError("kvk_missing", _("a signature needs a person or a navn"), {"loc": ("person",)})
        return self


class Protokollstatus(Model):
    status: choice("utkast", "godkjent")
    dato: Dato | None = None
    godkjent_av: Tekst | None = None  # a body's next meeting ("Styringsgruppa 2009-11-27") or names

    @model_validator(mode="after")
    def _approved_when(self):
        if self.status == "godkjent" and self.dato is None:
            raise PydanticCustomError("kvk_missing", _("approved minutes need the date of approval"),
                                      {"loc": ("dato",)})
        return self


class Rettelse(Model):
    """A recorded correction to approved minutes."""

    dato: Dato
    av: Tekst
    grunn: Tekst
    endring: Tekst | None = None


class Lenker(Model):
    """Links a web protokoll carries: an address, or ja (a link exists, its address not stated)."""

    opptak: str | bool | None = None  # "Se videoopptak"
    pdf: str | bool | None = None  # "Utskriftsvennlig versjon av møteprotokoll (pdf)"
    dokumenter_utdelt: str | bool | None = None  # "se alle dokumentene samlet i PDF-format her"

    @model_validator(mode="before")
    @classmethod
    def _yes(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (True if isinstance(v, str) and v.strip().lower() == "ja" else v) for k, v in value.items()}
        return value


class Moete(Skjermbar, MedIngen):
    INGEN_FELT = ("merknader_til_innkalling",)  # "Det var ingen merknader til møteinnkallingen."

    # the meeting's id, when it is not <moetedato>-<utvalg>; required when moetedato is not stated
    id: Id | None = None
    utvalg: UtvalgRef
    moetedato: Dato | None = None
    aar: Heltall | None = None  # the year, when only the year is known
    start: Klokkeslett | None = None
    slutt: Klokkeslett | None = None
    moetested: Tekst | None = None
    rom: Tekst | None = None
    moetenummer: str | None = None
    dokumenttype: choice("innkalling", "referat", "moeteprotokoll", "moetebok", "saksprotokoll")
    tittel: Tekst | None = None  # the document's own title, when it has one
    maalform: Maalform | None = None
    deres_ref: str | None = None
    vaar_ref: str | None = None
    dokumentdato: Dato | None = None
    arkivsak: Saksnr | None = None  # the case the minutes are filed in
    innkalling_tekst: Tekst | None = None  # replaces the standard forfall/inhabilitet paragraph
    deltakere: list[Deltaker] = Field(default_factory=list)
    antall_til_stede: Heltall | None = Field(default=None, ge=0)  # a stated head count at the start
    utdrag: JaNei | None = None  # ja: the record holds an excerpt, whose completeness is not judged
    saksnr_spenn: str | None = None  # "Behandlede saker: 39/13-53/13" when not every item is recorded
    moeteleder: PersonRef | None = None
    referent: PersonRef | None = None
    merknader: list[Tekst] = Field(default_factory=list)
    merknader_til_innkalling: list[Tekst] = Field(default_factory=list)  # or ingen
    kunngjoeringer: list[Tekst] = Field(default_factory=list)  # notices in the innkalling's head
    kopi: list[Tekst] = Field(default_factory=list)  # copy recipients
    dokumentsted: Tekst | None = None  # the place of the place-and-date line
    lenker: Lenker | None = None
    dokumenter_utdelt: list[Tekst] = Field(default_factory=list)
    rekkefoelge: list[str] = Field(default_factory=list)  # the order of treatment, by item nr or id
    saker: list[Punkt] = Field(default_factory=list)
    underskrivere: list[PersonRef] = Field(default_factory=list)  # chosen to sign the protokoll
    signatur: list[Signatur] = Field(default_factory=list)
    andre_opplysninger: dict[str, Tekst] = Field(default_factory=dict)  # head rows kvk has no field for
    protokollstatus: Protokollstatus | None = None
    rettelser: list[Rettelse] = Field(default_factory=list)

    @property
    def year(self) -> int | None:
        """The meeting's year: from its date, else as stated (aar), else from an id that starts
        with one (2013-kommunestyre-39)."""
        if self.moetedato is not None:
            return self.moetedato.year
        if self.aar is not None:
            return self.aar
        head = (self.id or "")[:5]
        return int(head[:4]) if len(head) == 5 and head[:4].isdigit() and head[4] == "-" else None

    @model_validator(mode="after")
    def _own_id(self):
        # the id is the date and the body unless given: every existing record keeps its id
        if self.id is None:
            if self.moetedato is None:
                raise PydanticCustomError(
                    "kvk_meeting_id", _("a meeting whose moetedato is not stated needs an id, e.g. {example}"),
                    {"example": f"{self.aar or '<år>'}-{self.utvalg}-1", "loc": ("moetedato",)})
            self.id = f"{self.moetedato.isoformat()}-{self.utvalg}"
        return self

    @model_validator(mode="after")
    def _times(self):
        if self.start and self.slutt and self.slutt < self.start:
            raise PydanticCustomError("kvk_inconsistent", _("the meeting ends ({slutt}) before it starts"),
                                      {"slutt": self.slutt.strftime("%H.%M"), "loc": ("slutt",)})
        return self


Underpunkt.model_rebuild()
