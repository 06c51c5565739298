"""The parts of a sakspapir that a case and an agenda item without a case record share: the
innstilling, the sections and the vedlegg."""

from __future__ import annotations

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from ..i18n import _
from .common import Dato, Heltall, Id, Saksnr, Skjermbar, Tekst, UtvalgRef, choice

SEKSJONSTYPER = ("bakgrunn", "saksopplysninger", "vurdering", "oekonomiske_konsekvenser",
                 "oppsummering", "konklusjon", "innledning", "annet")


class Vedlegg(Skjermbar):
    """An attachment: a title, and where it is when it is not only a title: another record (a
    meeting's protokoll, a case), a file in the repository, or an address."""

    nr: Heltall | None = None
    tittel: Tekst
    dato: Dato | None = None
    moete: Id | None = None  # a meeting record: "VALSTYRE møteprotokoll"
    sak: Saksnr | None = None  # a case record
    fil: str | None = None  # a path in the repository: vedlegg/2014-notat.pdf
    url: str | None = None  # an address: https://…

    @model_validator(mode="after")
    def _one_place(self):
        given = [name for name in ("moete", "sak", "fil", "url") if getattr(self, name) is not None]
        if len(given) > 1:
            raise PydanticCustomError("kvk_inconsistent", _("a vedlegg is in one place: give one of {given}"),
                                      {"given": ", ".join(given), "loc": (given[1],)})
        return self


class Seksjon(Skjermbar):
    type: choice(*SEKSJONSTYPER)
    overskrift: Tekst | None = None  # replaces the standard label: "Sakens bakgrunn og innhold"
    tekst: Tekst | None = None  # not stated: a heading with no text ("Vurdering:")

    @model_validator(mode="after")
    def _heading_for_free_sections(self):
        if self.type == "annet" and not self.overskrift:
            raise PydanticCustomError("kvk_missing", _("a section of type 'annet' needs an overskrift"),
                                      {"loc": ("overskrift",)})
        return self


class Innstilling(Skjermbar):
    # fra not stated: "Forslag til vedtak:" with no author
    fra: choice("raadmann", "kommunedirektoer", "ordfoerer", "leder", "administrasjonssjef", "utvalg",
                "sekretariat", "kontrollutvalgssekretariat", "daglig_leder") | None = None
    type: choice("innstilling", "forslag_til_vedtak", "tilraading") = "innstilling"
    utvalg: UtvalgRef | None = None  # when fra is 'utvalg' or 'leder' (of that body)
    tekst: Tekst | None = None  # not stated: the heading is on the page, the text is not
