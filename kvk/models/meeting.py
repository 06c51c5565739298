"""A meeting (møte): the notice and agenda before it, the minutes after it."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .behandling import Behandlingsinnhold
from .common import (
    Dato, Intern, JaNei, Klokkeslett, Maalform, Model, PersonRef, Saksnr, Skjermbar, Tekst, UtvalgRef,
    choice, parse_time,
)

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
            raise PydanticCustomError("kvk_inconsistent", "give either kl or sak, not both or neither", {})
        return self


class Inhabilitet(Model):
    sak: str  # agenda item nr
    hjemmel: str | None = None  # "fvl. § 6 første ledd bokstav a"


class Deltaker(Model):
    person: PersonRef
    oppmoete: choice("moett", "forfall", "ikke_moett", "permisjon") | None = None  # None: not yet known
    rolle: Rolle | None = None
    kategori: choice("fast_medlem", "varamedlem", "administrasjon", "sekretariat", "gjest",
                     "observatoer") | None = None
    moette_for: PersonRef | None = None  # a substitute: "(Øystein Sende møtte)"
    til_stede_fra: Tidspunkt | None = None
    til_stede_til: Tidspunkt | None = None
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


class Punkt(Behandlingsinnhold):
    """An agenda item (sakskartpunkt) and, after the meeting, what came of it."""

    nr: str  # as printed: "1", "45/08", "PS 45/08"
    tittel: Tekst
    offentlig_tittel: Tekst | None = None
    sak: Saksnr | None = None  # the case this item treats
    type: choice("PS", "RS", "DS", "FO", "orientering", "droefting", "godkjenning", "eventuelt",
                 "interpellasjon", "annet") | None = None
    saksbehandler: PersonRef | None = None
    innleder: PersonRef | None = None
    tekst: Tekst | None = None
    droefting: list[Tekst] = Field(default_factory=list)
    underpunkter: list[Underpunkt] = Field(default_factory=list)
    oppfoelging: list[Oppfoelging] = Field(default_factory=list)


class Signatur(Model):
    person: PersonRef | None = None
    navn: Tekst | None = None  # someone not in the organisation file
    tekst: Tekst | None = None  # after the name: "ref.", "(sign.)"
    tittel: Tekst | None = None  # the line below: "Prosjektleder"

    @model_validator(mode="after")
    def _who(self):
        if not self.person and not self.navn:
            raise PydanticCustomError("kvk_missing", "a signature needs a person or a navn", {"loc": ("person",)})
        return self


class Protokollstatus(Model):
    status: choice("utkast", "godkjent")
    dato: Dato | None = None
    godkjent_av: Tekst | None = None  # a body's next meeting ("Styringsgruppa 2009-11-27") or names

    @model_validator(mode="after")
    def _approved_when(self):
        if self.status == "godkjent" and self.dato is None:
            raise PydanticCustomError("kvk_missing", "approved minutes need the date of approval",
                                      {"loc": ("dato",)})
        return self


class Rettelse(Model):
    """A recorded correction to approved minutes."""

    dato: Dato
    av: Tekst
    grunn: Tekst
    endring: Tekst | None = None


class Moete(Skjermbar):
    utvalg: UtvalgRef
    moetedato: Dato
    start: Klokkeslett | None = None
    slutt: Klokkeslett | None = None
    moetested: Tekst | None = None
    rom: Tekst | None = None
    moetenummer: str | None = None
    dokumenttype: choice("innkalling", "referat", "moeteprotokoll", "moetebok")
    tittel: Tekst | None = None  # the document's own title, when it has one
    maalform: Maalform | None = None
    deres_ref: str | None = None
    vaar_ref: str | None = None
    dokumentdato: Dato | None = None
    arkivsak: Saksnr | None = None  # the case the minutes are filed in
    innkalling_tekst: Tekst | None = None  # replaces the standard forfall/inhabilitet paragraph
    deltakere: list[Deltaker] = Field(default_factory=list)
    moeteleder: PersonRef | None = None
    referent: PersonRef | None = None
    merknader: list[Tekst] = Field(default_factory=list)
    dokumenter_utdelt: list[Tekst] = Field(default_factory=list)
    saker: list[Punkt] = Field(default_factory=list)
    signatur: list[Signatur] = Field(default_factory=list)
    protokollstatus: Protokollstatus | None = None
    rettelser: list[Rettelse] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.moetedato.isoformat()}-{self.utvalg}"

    @model_validator(mode="after")
    def _times(self):
        if self.start and self.slutt and self.slutt < self.start:
            raise PydanticCustomError("kvk_inconsistent", "the meeting ends ({slutt}) before it starts",
                                      {"slutt": self.slutt.strftime("%H.%M"), "loc": ("slutt",)})
        return self


Underpunkt.model_rebuild()
