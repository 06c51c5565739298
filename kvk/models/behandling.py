"""What happens to an item in a meeting: proposals, votes and the decision (vedtak)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .common import Dato, Heltall, JaNei, Model, PersonRef, Skjermbar, Tekst, UtvalgRef, Utvalgssaksnr, choice


class Forslag(Model):
    id: str | None = None  # what a votering refers to in 'over'
    fremmet_av: PersonRef | None = None
    paa_vegne_av: Tekst | None = None  # "DNA, SP og KRF"
    type: choice("forslag_til_vedtak", "tilleggsforslag", "endringsforslag", "utsettelsesforslag",
                 "alternativt_forslag") | None = None
    tekst: Tekst


class Stemme(Model):
    person: PersonRef
    stemme: choice("ja", "nei", "blankt")


class Votering(Model):
    over: str | None = None  # a forslag id, or "innstillingen"
    resultat: choice("vedtatt", "falt") | None = None
    enstemmig: JaNei | None = None
    for_: Heltall | None = Field(default=None, alias="for", ge=0)
    mot: Heltall | None = Field(default=None, ge=0)
    blankt: Heltall | None = Field(default=None, ge=0)
    stemmer: list[Stemme] = Field(default_factory=list)  # roll call (navneopprop)
    mindretall: Tekst | None = None  # "FrP (2) stemte mot"

    @model_validator(mode="after")
    def _consistent(self):
        if self.enstemmig and self.mot:
            raise PydanticCustomError(
                "kvk_inconsistent", "a vote cannot be enstemmig with {mot} against",
                {"mot": self.mot, "loc": ("mot",)})
        if self.stemmer:
            counts = {"ja": 0, "nei": 0, "blankt": 0}
            for s in self.stemmer:
                counts[s.stemme] += 1
            for field, key in (("for_", "ja"), ("mot", "nei"), ("blankt", "blankt")):
                given = getattr(self, field)
                if given is not None and given != counts[key]:
                    name = "for" if field == "for_" else field
                    raise PydanticCustomError(
                        "kvk_inconsistent", "'{name}: {given}' but the roll call has {count} '{key}' votes",
                        {"name": name, "given": given, "count": counts[key], "key": key, "loc": (name,)})
        return self

    @property
    def total(self) -> int:
        if self.stemmer:
            return len(self.stemmer)
        return (self.for_ or 0) + (self.mot or 0) + (self.blankt or 0)


class Vedtak(Model):
    tekst: Tekst
    type: choice("vedtak", "innstilling", "tatt_til_orientering", "utsatt", "tilraading") | None = None
    dato: Dato | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # 'vedtak: Saken utsettes.' is the everyday way to write it
        return {"tekst": value} if isinstance(value, str) else value


class Behandlingsinnhold(Skjermbar):
    """Fields shared by a case's behandling and a meeting's agenda item."""

    behandling: Tekst | None = None  # free protocol text ("Ordfører fremmet følgende forslag …")
    forslag: list[Forslag] = Field(default_factory=list)
    votering: list[Votering] = Field(default_factory=list)
    vedtak: Vedtak | None = None
    status: choice("BE", "UT", "TB") | None = None  # Noark møteregistreringsstatus

    @field_validator("votering", mode="before")
    @classmethod
    def _one_vote(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value


class Behandling(Behandlingsinnhold):
    """One treatment of a case in one body's meeting, as appended to the saksframlegg."""

    utvalg: UtvalgRef
    moetedato: Dato
    utvalgssaksnr: Utvalgssaksnr | None = None
