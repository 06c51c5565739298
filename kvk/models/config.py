"""The repository's own settings: ``kvk.yaml`` at its root."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .common import Maalform, Model, choice

# --- the sender of published messages (KS Fiks, open data): who the municipality is ---------

#: Enhetsregisteret's weights for the mod-11 check digit of an organisasjonsnummer
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def parse_organisasjonsnummer(value: Any) -> str:
    """Nine digits whose last is the mod-11 check digit of the first eight ('974 760 673' is
    written without its spaces)."""
    text = re.sub(r"\s", "", str(value))
    if not re.fullmatch(r"\d{9}", text):
        raise PydanticCustomError("kvk_orgnr", "'{value}' is not an organisasjonsnummer: it has nine digits",
                                  {"value": str(value)})
    rest = sum(int(d) * w for d, w in zip(text, _ORGNR_WEIGHTS)) % 11
    check = 0 if rest == 0 else 11 - rest
    if check == 10 or check != int(text[8]):
        raise PydanticCustomError("kvk_orgnr", "'{value}' is not an organisasjonsnummer: its check digit "
                                  "does not fit (a digit is wrong or two are swapped)", {"value": text})
    return text


def parse_kommunenummer(value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise PydanticCustomError("kvk_kommunenr", "'{value}' is not a kommunenummer: it has four digits, "
                                  "e.g. 0301 (write it in quotes)", {"value": text})
    return text


Organisasjonsnummer = Annotated[str, BeforeValidator(parse_organisasjonsnummer)]
Kommunenummer = Annotated[str, BeforeValidator(parse_kommunenummer)]


class Config(Model):
    organisasjon: str  # the organisation's name, for letterheads: "Bjugn kommune"
    maalform: Maalform = "nb"
    # where a saksframlegg prints the innstilling: at the top, at the end, or both
    innstilling_plassering: choice("topp", "slutt", "begge") = "slutt"
    kommunenummer: Kommunenummer | None = None
    organisasjonsnummer: Organisasjonsnummer | None = None  # the sender of KS Fiks messages
