"""A case (sak) and the saksframlegg it renders to."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .behandling import Behandling
from .common import (
    Dato, Heltall, IndikatorRef, JaNei, Maalform, MedIngen, Model, PersonRef, Saksnr, Skjermbar, Tekst,
    UtvalgRef, Utvalgssaksnr, choice,
)
from .papers import SEKSJONSTYPER, Innstilling, Seksjon, Vedlegg  # noqa: F401 (re-exported)


class Saksgang(Model):
    utvalg: UtvalgRef
    moetedato: Dato | None = None
    utvalgssaksnr: Utvalgssaksnr | None = None
    rolle: choice("innstilling", "vedtak", "uttalelse", "orientering") | None = None


class Sak(Skjermbar, MedIngen):
    INGEN_FELT = ("vedlegg",)  # "Ingen vedlegg."

    saksnr: Saksnr
    vis_saksnr: JaNei = True  # nei: the number is internal (e.g. assigned later) and not printed
    tittel: Tekst
    offentlig_tittel: Tekst | None = None
    dokumenttype: choice("saksframlegg", "sakspapir", "moetebok") | None = None
    organisasjon: Tekst | None = None  # letterhead; defaults to the first body's, then kvk.yaml's
    administrativ_enhet: Tekst | None = None
    saksbehandler: PersonRef | None = None  # not every saksframlegg names one
    arkivkode: str | None = None
    dokumentnr: Heltall | None = None  # the document in the arkivsak: 15/40-1
    objekt: Tekst | None = None  # an archive facet printed as "Objekt:"
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
                "kvk_missing", _("a skjermet case needs an offentlig_tittel for the public journal"),
                {"loc": ("offentlig_tittel",)})
        return self

    @property
    def saksaar(self) -> int:
        return int(self.saksnr.split("/")[0])

    @property
    def sakssekvensnummer(self) -> int:
        return int(self.saksnr.split("/")[1])
