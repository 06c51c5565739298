"""The repository's own settings: ``kvk.yaml`` at its root."""

from __future__ import annotations

from .common import Maalform, Model, choice


class Config(Model):
    organisasjon: str  # the organisation's name, for letterheads: "Bjugn kommune"
    maalform: Maalform = "nb"
    # where a saksframlegg prints the innstilling: at the top, at the end, or both
    innstilling_plassering: choice("topp", "slutt", "begge") = "slutt"
    kommunenummer: str | None = None
