"""The organisation file: people and the bodies (utvalg, styringsgrupper) they sit in."""

from __future__ import annotations

from pydantic import Field

from .common import Dato, Id, Maalform, Model, PersonRef, Tekst, choice

Part = choice("folkevalgt", "administrasjon", "tillitsvalgt", "annet")
Medlemsrolle = choice("leder", "nestleder", "ordfoerer", "varaordfoerer", "medlem", "varamedlem",
                      "referent", "sekretaer", "observatoer", "moeteleder")

#: roles whose holders count towards the body's size and may vote
VOTING_ROLES = frozenset({"leder", "nestleder", "ordfoerer", "varaordfoerer", "medlem"})


class Parti(Model):
    """A party or local list, as the documents name it: "(FrP)", "Fremskrittspartiet"."""

    id: Id
    kortnavn: Tekst | None = None  # FrP, AP-V
    navn: Tekst | None = None  # Fremskrittspartiet (not every document states it)


class Eksternorganisasjon(Model):
    """Another organisation people come from or represent: a municipality in a regional
    council, a union, an IKS."""

    id: Id
    navn: Tekst
    kortnavn: Tekst | None = None


class Person(Model):
    id: Id
    navn: Tekst
    initialer: str | None = None
    tittel: Tekst | None = None  # stilling: "Prosjektleder", "Rådmann"
    part: Part | None = None  # the three parties of trepartssamarbeidet, or annet
    representerer: Tekst | None = None  # party, union or organisation as free text: "Ap", "Fagforbundet"
    parti: Id | None = None  # the party (an id in partier)
    organisasjon: Id | None = None  # the organisation the person comes from (an id in organisasjoner)
    epost: str | None = None
    telefon: str | None = None


class Medlem(Model):
    person: PersonRef
    rolle: Medlemsrolle | None = "medlem"  # written empty: the function is not stated
    fra: Dato | None = None
    til: Dato | None = None
    representerer: Tekst | None = None  # what the person represents in this body: "Hovedverneombud"
    erstatter: PersonRef | None = None  # a permanent replacement ("ny inn for"), from fra

    def active(self, day) -> bool:
        """Is the membership in force on ``day`` (a date, or None: not known, counted)?"""
        if day is None:
            return True
        return (self.fra is None or self.fra <= day) and (self.til is None or day <= self.til)


class Utvalg(Model):
    id: Id
    navn: Tekst
    type: choice("kommunestyre", "formannskap", "utvalg", "styringsgruppe", "prosjektgruppe",
                 "arbeidsgruppe", "partssammensatt_utvalg", "administrasjonsutvalg", "raad",
                 "kontrollutvalg", "fellesnemnd", "valgstyre", "eldreraad", "annet")
    organisasjon: Tekst | None = None  # letterhead when it differs from kvk.yaml: "Bjugn kommune"
    kortnavn: Tekst | None = None
    genitiv: Tekst | None = None  # the possessive the labels use: "Formannskapets"
    maalform: Maalform | None = None  # the body's own målform (its documents)
    profil: Id | None = None  # a named presentation profile from kvk.yaml
    medlemmer: list[Medlem] = Field(default_factory=list)

    @property
    def voting_members(self) -> list[Medlem]:
        return [m for m in self.medlemmer if m.rolle in VOTING_ROLES]


class Organisasjon(Model):
    partier: list[Parti] = Field(default_factory=list)
    organisasjoner: list[Eksternorganisasjon] = Field(default_factory=list)
    personer: list[Person] = Field(default_factory=list)
    utvalg: list[Utvalg] = Field(default_factory=list)
