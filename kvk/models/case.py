"""A case (sak) and the saksframlegg it renders to."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .behandling import Behandling
from .common import (
    Dato, Heltall, IndikatorRef, JaNei, Maalform, Model, PersonRef, Saksnr, Skjermbar, Tekst, UtvalgRef,
    Utvalgssaksnr, choice,
)

SEKSJONSTYPER = ("bakgrunn", "saksopplysninger", "vurdering", "oekonomiske_konsekvenser",
                 "oppsummering", "konklusjon", "annet")


class Saksgang(Model):
    utvalg: UtvalgRef
    moetedato: Dato | None = None
    utvalgssaksnr: Utvalgssaksnr | None = None
    rolle: choice("innstilling", "vedtak", "uttalelse", "orientering") | None = None


class Vedlegg(Skjermbar):
    nr: Heltall | None = None
    tittel: Tekst
    dato: Dato | None = None


class Seksjon(Skjermbar):
    type: choice(*SEKSJONSTYPER)
    overskrift: Tekst | None = None  # replaces the standard label: "Sakens bakgrunn og innhold"
    tekst: Tekst

    @model_validator(mode="after")
    def _heading_for_free_sections(self):
        if self.type == "annet" and not self.overskrift:
            raise PydanticCustomError("kvk_missing", "a section of type 'annet' needs an overskrift",
                                      {"loc": ("overskrift",)})
        return self


class Innstilling(Skjermbar):
    fra: choice("raadmann", "ordfoerer", "administrasjonssjef", "utvalg", "sekretariat",
                "kontrollutvalgssekretariat", "daglig_leder")
    type: choice("innstilling", "forslag_til_vedtak", "tilraading") = "innstilling"
    utvalg: UtvalgRef | None = None  # when fra is 'utvalg'
    tekst: Tekst


class Sak(Skjermbar):
    saksnr: Saksnr
    vis_saksnr: JaNei = True  # nei: the number is internal (e.g. assigned later) and not printed
    tittel: Tekst
    offentlig_tittel: Tekst | None = None
    dokumenttype: choice("saksframlegg", "sakspapir", "moetebok") | None = None
    organisasjon: Tekst | None = None  # letterhead; defaults to the first body's, then kvk.yaml's
    administrativ_enhet: Tekst | None = None
    saksbehandler: PersonRef
    arkivkode: str | None = None
    dato: Dato | None = None
    maalform: Maalform | None = None
    saksgang: list[Saksgang] = Field(default_factory=list)
    avgjoeres_av: UtvalgRef | None = None
    vedlegg: list[Vedlegg] = Field(default_factory=list)
    andre_saksdokumenter: list[Tekst] = Field(default_factory=list)
    seksjoner: list[Seksjon] = Field(default_factory=list)
    innstilling: Innstilling | None = None
    klageadgang: Tekst | None = None
    saksstatus: choice("under_behandling", "avsluttet", "utgaar") | None = None
    behandlinger: list[Behandling] = Field(default_factory=list)
    indikatorer: list[IndikatorRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _public_title(self):
        if self.skjerming and (self.skjerming.hele or "tittel" in self.skjerming.felt) \
                and not self.offentlig_tittel:
            raise PydanticCustomError(
                "kvk_missing", "a skjermet case needs an offentlig_tittel for the public journal",
                {"loc": ("offentlig_tittel",)})
        return self

    @property
    def saksaar(self) -> int:
        return int(self.saksnr.split("/")[0])

    @property
    def sakssekvensnummer(self) -> int:
        return int(self.saksnr.split("/")[1])
