"""What happens to an item in a meeting: proposals, votes and the decision (vedtak)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import (
    Dato, Heltall, Id, JaNei, Klokkeslett, MedIngen, Model, PersonRef, Skjermbar, Tekst, UtvalgRef,
    Utvalgssaksnr, choice,
)

#: what a vote or a vedtak names when it means the innstilling (the proposal every item has)
INNSTILLINGEN = "innstillingen"


class Forslag(Model):
    id: str | None = None  # what a votering refers to in 'over'
    fremmet_av: PersonRef | None = None
    paa_vegne_av: Tekst | None = None  # "DNA, SP og KRF"
    type: choice("forslag_til_vedtak", "tilleggsforslag", "endringsforslag", "utsettelsesforslag",
                 "alternativt_forslag", "oversendelsesforslag", "endring_av_saksliste") | None = None
    tekst: Tekst


class Stemme(Model):
    person: PersonRef
    stemme: choice("ja", "nei", "blankt")


class Partier(Model):
    """Party groups of a vote, when the document names parties rather than persons:
    "vedtatt med 20 mot 7 stemmer (H, FrP)" is ``mot: [h, frp]``."""

    for_: list[Id] = Field(default_factory=list, alias="for")
    mot: list[Id] = Field(default_factory=list)
    blankt: list[Id] = Field(default_factory=list)

    def sides(self) -> dict[str, list[str]]:
        """stemme ('ja', 'nei', 'blankt') -> the party ids on that side."""
        return {"ja": self.for_, "nei": self.mot, "blankt": self.blankt}


class Votering(Model):
    over: str | None = None  # a forslag id, or "innstillingen"
    kl: Klokkeslett | None = None  # when the vote was taken
    resultat: choice("vedtatt", "falt") | None = None
    enstemmig: JaNei | None = None
    for_: Heltall | None = Field(default=None, alias="for", ge=0)
    mot: Heltall | None = Field(default=None, ge=0)
    blankt: Heltall | None = Field(default=None, ge=0)
    stemmer: list[Stemme] = Field(default_factory=list)  # roll call (navneopprop)
    partier: Partier | None = None
    unntak: list[Stemme] = Field(default_factory=list)  # members who voted apart from their party group
    mindretall: Tekst | None = None  # "FrP (2) stemte mot" (free text; partier says it as data)

    @model_validator(mode="after")
    def _consistent(self):
        if self.enstemmig and self.mot:
            raise PydanticCustomError(
                "kvk_inconsistent", _("a vote cannot be enstemmig with {mot} against"),
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
                        "kvk_inconsistent", _("'{name}: {given}' but the roll call has {count} '{key}' votes"),
                        {"name": name, "given": given, "count": counts[key], "key": key, "loc": (name,)})
        return self

    def partigrupper(self, party_of) -> dict[str, dict[str, list[str]]]:
        """From the roll call: stemme -> party id -> the persons of that party who voted so
        (``party_of``: person id -> party id or None; people without a party are under '')."""
        groups: dict[str, dict[str, list[str]]] = {"ja": {}, "nei": {}, "blankt": {}}
        for s in self.stemmer:
            groups[s.stemme].setdefault(party_of(s.person) or "", []).append(s.person)
        return groups

    @property
    def total(self) -> int:
        if self.stemmer:
            return len(self.stemmer)
        return (self.for_ or 0) + (self.mot or 0) + (self.blankt or 0)


class Vedtak(Model):
    tekst: Tekst | None = None
    # the adopted proposal is the vedtak ("innstillingen" or a forslag id): its text is not typed again
    som: str | None = None
    type: choice("vedtak", "innstilling", "tatt_til_orientering", "utsatt", "tilraading") | None = None
    dato: Dato | None = None

    @model_validator(mode="after")
    def _text_or_proposal(self):
        if self.tekst is None and self.som is None:
            raise PydanticCustomError("kvk_missing", _("a vedtak needs its tekst, or som: the proposal adopted"),
                                      {"loc": ("tekst",)})
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # 'vedtak: Saken utsettes.' is the everyday way to write it
        return {"tekst": value} if isinstance(value, str) else value


class Behandlingsinnhold(Skjermbar, MedIngen):
    """Fields shared by a case's behandling and a meeting's agenda item."""

    INGEN_FELT = ("forslag",)  # "Det vart ikkje fremja forslag under behandlinga av saka"

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
    moetedato: Dato | None = None  # not every saksframlegg states it
    utvalgssaksnr: Utvalgssaksnr | None = None
