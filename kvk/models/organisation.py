"""The organisation file: people and the bodies (utvalg, styringsgrupper) they sit in."""

from __future__ import annotations

from pydantic import Field

from .common import Dato, Id, Model, PersonRef, Tekst, choice

Part = choice("folkevalgt", "administrasjon", "tillitsvalgt", "annet")
Medlemsrolle = choice("leder", "nestleder", "medlem", "varamedlem", "referent", "sekretaer",
                      "observatoer", "moeteleder")

#: roles whose holders count towards the body's size and may vote
VOTING_ROLES = frozenset({"leder", "nestleder", "medlem"})


class Person(Model):
    id: Id
    navn: Tekst
    initialer: str | None = None
    tittel: Tekst | None = None  # stilling: "Prosjektleder", "Rådmann"
    part: Part | None = None  # the three parties of trepartssamarbeidet, or annet
    representerer: Tekst | None = None  # party, union or organisation: "Ap", "Fagforbundet"
    epost: str | None = None
    telefon: str | None = None


class Medlem(Model):
    person: PersonRef
    rolle: Medlemsrolle = "medlem"
    fra: Dato | None = None
    til: Dato | None = None


class Utvalg(Model):
    id: Id
    navn: Tekst
    type: choice("kommunestyre", "formannskap", "utvalg", "styringsgruppe", "prosjektgruppe",
                 "arbeidsgruppe", "partssammensatt_utvalg", "administrasjonsutvalg", "raad",
                 "kontrollutvalg", "annet")
    organisasjon: Tekst | None = None  # letterhead when it differs from kvk.yaml: "Bjugn kommune"
    kortnavn: Tekst | None = None
    medlemmer: list[Medlem] = Field(default_factory=list)

    @property
    def voting_members(self) -> list[Medlem]:
        return [m for m in self.medlemmer if m.rolle in VOTING_ROLES]


class Organisasjon(Model):
    personer: list[Person] = Field(default_factory=list)
    utvalg: list[Utvalg] = Field(default_factory=list)
