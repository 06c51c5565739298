"""Types shared by every record kind: dates, times, periods, case numbers, references, text.

Values arrive from the loader as strings; these types parse them and raise errors whose
``type`` names the kvk code (see kvk.validation), so every mistake gets its own diagnostic.
"""

from __future__ import annotations

import math
import re
import types
import typing
import unicodedata
from datetime import date, time
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    Field,
    ConfigDict,
    PlainSerializer,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..i18n import _
from .periods import Period, PeriodError
# the text type and the span grammar live in .text; every model imports them from here
from .text import (  # noqa: F401
    INTERN, SPAN_CLOSE, SPAN_OPEN, TEKST, Intern, SpanError, Tekst, TextKind, check_spans, parse_spans,
    redact_spans, text_kind, unwrap_spans,
)


class Model(BaseModel):
    """Base of every record model: unknown fields are errors, never silently kept."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False, defer_build=True)


def model_classes(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return model_classes(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        found = []
        for arg in typing.get_args(annotation):
            found.extend(model_classes(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


# --- dates and times ------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_NO_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", re.ASCII)
_MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if type(value) is str:
        return _date(value)
    return _date(str(value))


@lru_cache(maxsize=8192)
def _date(value: str) -> date:
    # a repository writes the same few thousand dates again and again; dates are immutable
    text = value.strip()
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _NO_DATE.match(text)
        if not m:
            raise PydanticCustomError(
                "kvk_date", _("'{value}' is not a date"), {"value": text})
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        if 1 <= mo <= 12:
            import calendar
            days = calendar.monthrange(y, mo)[1]
            raise PydanticCustomError(
                "kvk_date", _("'{value}' is not a date: {month} {year} has {days} days"),
                {"value": text, "month": _MONTHS_NB[mo - 1], "year": y, "days": days}) from None
        raise PydanticCustomError(
            "kvk_date", _("'{value}' is not a date: there is no month {month}"),
            {"value": text, "month": mo}) from None


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$", re.ASCII)


def parse_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    text = str(value).strip()
    m = _TIME.match(text)
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return time(int(m[1]), int(m[2]))
    raise PydanticCustomError(
        "kvk_time", _("'{value}' is not a time of day"), {"value": text})


def parse_period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    try:
        return _period(value if type(value) is str else str(value))
    except PeriodError as err:
        raise PydanticCustomError("kvk_period", "{reason}", {"reason": str(err)}) from None


#: an indicator file repeats the same periods in every series; periods are immutable
_period = lru_cache(maxsize=8192)(Period.parse)


Dato = Annotated[
    date, BeforeValidator(parse_date), PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$",
                    "description": "2009-10-30 or 30.10.2009"}),
]
Klokkeslett = Annotated[
    time, BeforeValidator(parse_time), PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$", "description": "13:15 or 13.15"}),
]
Periode = Annotated[
    Period, BeforeValidator(parse_period), PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string",
                    "pattern": r"^\d{4}(-([ASTQMW]\d{1,2}|\d{2}))?$",
                    "description": "2009, 2009-S1, 2009-T2, 2009-Q3, 2009-M03 or 2009-W05"}),
]

# --- numbers and yes/no ---------------------------------------------------------------------


#: a number as records write it: ASCII digits only (Python's float() would also take '١٢' and
#: '１２', 'nan', 'inf' and '1_000')
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
#: no count or figure in a municipality's records comes near; a value beyond is a typing error
#: (and 10^32 votes would make every sum after it meaningless)
LARGEST = 10**15
LARGEST_COUNT = 2**31 - 1


def _finite(number: float, value: Any) -> float:
    if not math.isfinite(number) or abs(number) > LARGEST:
        raise PydanticCustomError("kvk_number", _("'{value}' is not a number kvk can use (too large, infinite or NaN)"),
                                  {"value": str(value)})
    return number


def parse_number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _finite(float(value), value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if _NUMBER.match(text):
        return _finite(float(text), value)
    if re.fullmatch(r"-?\d+,\d+", text, re.ASCII):
        raise PydanticCustomError(
            "kvk_number", _("'{value}' uses a decimal comma; write {fixed}"),
            {"value": str(value), "fixed": text.replace(",", ".")})
    raise PydanticCustomError("kvk_number", _("'{value}' is not a number"), {"value": str(value)})


def parse_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip()
        digits = text[1:] if text[:1] == "-" else text
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 12):  # not '١٢', not 10^32
            raise PydanticCustomError("kvk_integer", _("'{value}' is not a whole number"), {"value": text})
        number = int(text)
    if abs(number) > LARGEST_COUNT:
        raise PydanticCustomError("kvk_integer", _("'{value}' is too large for a count or a number in a record"),
                                  {"value": str(value)})
    return number


_TRUE = {"ja", "j", "true", "yes", "sann"}
_FALSE = {"nei", "n", "false", "no", "usann"}


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise PydanticCustomError("kvk_bool", _("'{value}' is not ja or nei"), {"value": str(value)})


# Numbers and ids are parsed by pydantic-core itself (these are the most frequent values in a
# repository); when it refuses one, kvk.validation asks parse_number / parse_int / parse_slug
# why, for kvk's own message.
# Finite and bounded (NaN, inf, 1e999 and a vote count of 10^32 are refused where they are written).
Tall = Annotated[float, AllowInfNan(False), Field(ge=-LARGEST, le=LARGEST),
                 WithJsonSchema({"type": ["number", "string"], "description": "a number, e.g. 9.5"})]
Heltall = Annotated[int, Field(ge=-LARGEST_COUNT, le=LARGEST_COUNT),
                    WithJsonSchema({"type": ["integer", "string"], "pattern": r"^-?\d+$"})]
JaNei = Annotated[bool, BeforeValidator(parse_bool),
                  WithJsonSchema({"type": ["boolean", "string"], "enum": [True, False, "ja", "nei"]})]

# --- identifiers ----------------------------------------------------------------------------

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def parse_slug(value: Any) -> str:
    text = str(value).strip()
    if _SLUG.match(text):
        return text
    if "/" in text or "\\" in text or ".." in text or text.startswith("."):
        raise PydanticCustomError(
            "kvk_path_id", _("id '{value}' would name a path outside its folder"), {"value": text})
    raise PydanticCustomError(
        "kvk_id", _("'{value}' is not an id: use lower-case letters, digits, '-' and '_'"),
        {"value": text})


SLUG_PATTERN = _SLUG.pattern
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN),
               WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
PersonRef = Id
UtvalgRef = Id
IndikatorRef = Id

_SAKSNR = re.compile(r"^(\d{4})/(\d{1,7})$", re.ASCII)


def parse_saksnr(value: Any) -> str:
    text = str(value).strip()
    m = _SAKSNR.match(text)
    if m and int(m[2]) > 0:
        return f"{int(m[1])}/{int(m[2])}"
    if re.fullmatch(r"\d{2}/\d+", text, re.ASCII):
        raise PydanticCustomError(
            "kvk_saksnr", _("'{value}': write the year with four digits, e.g. 20{value}"),
            {"value": text})
    if ".." in text or text.count("/") > 1 or "\\" in text:
        raise PydanticCustomError(
            "kvk_path_id", _("'{value}' would name a path outside its folder"), {"value": text})
    raise PydanticCustomError(
        "kvk_saksnr", _("'{value}' is not a saksnr"), {"value": text})


Saksnr = Annotated[str, BeforeValidator(parse_saksnr),
                   WithJsonSchema({"type": "string", "pattern": r"^\d{4}/\d{1,7}$",
                                   "description": "saksår/sakssekvensnummer, e.g. 2008/628"})]

def saksnr_spellings(saksnr: str) -> list[str]:
    """How a saksnr may be written in a record: 2009/17, 2009/017, 2009/0017."""
    year, seq = saksnr.split("/")
    return sorted({f"{year}/{int(seq):0{width}d}" for width in range(1, 5)})


def date_spellings(iso: str) -> list[str]:
    """How a date may be written in a record: 2009-03-04, 4.3.2009, 04.03.2009 …"""
    y, m, d = iso.split("-")
    return sorted({iso} | {f"{dd}.{mm}.{y}" for dd in {d, str(int(d))} for mm in {m, str(int(m))}})


# the løpenummer may be left out: "/13" is an utvalgssaksnr of 2013 whose number is not stated
# (a saksgang row for a later body, or a number a transcript lost)
_UTVALGSSAKSNR = re.compile(r"^(?:(PS|RS|DS|FO|OS|AM|[A-Z]{1,3})[ -]?)?(\d{1,4})?/(\d{2}|\d{4})$", re.ASCII)


def parse_utvalgssaksnr(value: Any) -> str:
    text = " ".join(str(value).split())
    if _UTVALGSSAKSNR.match(text):
        return text
    raise PydanticCustomError(
        "kvk_utvalgssaksnr",
        _("'{value}' is not an utvalgssaksnr (number/year, e.g. 45/08 or PS 45/2008)"), {"value": text})


Utvalgssaksnr = Annotated[str, BeforeValidator(parse_utvalgssaksnr),
                          WithJsonSchema({"type": "string", "pattern": _UTVALGSSAKSNR.pattern})]

# an arkivsak reference as documents print it, any part possibly not stated: 2014/1277, "2014/"
# (sequence not stated), "/71" (year not stated), 2015/40-1 (document 1 of the arkivsak),
# 14/1277 (two-digit year, as many archives print it)
_ARKIVSAKSNR = re.compile(r"^(?P<year>\d{4}|\d{2})?/(?P<seq>\d{1,7})?(?:-(?P<doc>\d{1,5}))?$")


def parse_arkivsaksnr(value: Any) -> str:
    text = "".join(str(value).split())
    m = _ARKIVSAKSNR.match(text)
    if m and (m["year"] or m["seq"]):
        return text
    raise PydanticCustomError(
        "kvk_saksnr", _("'{value}' is not an arkivsaksnr (year/sequence, e.g. 2014/1277, 2014/ or /71)"),
        {"value": text})


Arkivsaksnr = Annotated[str, BeforeValidator(parse_arkivsaksnr),
                        WithJsonSchema({"type": "string", "pattern": _ARKIVSAKSNR.pattern,
                                        "description": "2014/1277, 2015/40-1, or partly stated: 2014/ or /71"})]


def arkivsaksnr_parts(text: str) -> tuple[int | None, int | None, int | None]:
    """'2015/40-1' -> (2015, 40, 1); a part not stated is None; a two-digit year is widened."""
    m = _ARKIVSAKSNR.match(text)
    if not m:
        raise ValueError(text)
    year = int(m["year"]) if m["year"] else None
    if year is not None and year < 100:
        year += 2000 if year < 70 else 1900
    return year, int(m["seq"]) if m["seq"] else None, int(m["doc"]) if m["doc"] else None


def utvalgssaksnr_parts(text: str) -> tuple[str | None, int, int]:
    """'PS 45/08' -> ('PS', 45, 2008). ValueError for text that is not one, and for a partly
    stated number ('/13'): not stated agrees with any number, so it is never compared."""
    m = _UTVALGSSAKSNR.match(text)
    if not m or m[2] is None:
        raise ValueError(text)
    year = int(m[3])
    if year < 100:
        year += 2000 if year < 70 else 1900
    return m[1], int(m[2]), year


# --- choices --------------------------------------------------------------------------------

_FOLD = str.maketrans({"ø": "oe", "å": "aa", "æ": "ae", "Ø": "oe", "Å": "aa", "Æ": "ae",
                       " ": "_", "-": "_"})


def fold(value: Any) -> Any:
    """Let people write choices as they say them: 'Forslag til vedtak' and 'ordfører' are the
    same as 'forslag_til_vedtak' and 'ordfoerer'."""
    if not isinstance(value, str) or (value.isascii() and value.isidentifier()
                                      and (value.islower() or len(value) <= 3)):
        return value  # the usual case, already canonical (or wrong in a way the Literal reports)
    text = value.strip()
    if len(text) <= 3 and text.isupper():  # codes such as PS, RS, BE
        return text
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def choice(*values: str):
    """A closed set of values. pydantic-core matches the canonical spelling by itself; a value
    written as people say it ('Forslag til vedtak', 'ordfører') is refused there and folded by
    :func:`kvk.validation.validate`, which then validates again (a Python validator on every
    choice costs more than the rare second pass)."""
    return Literal[values]  # type: ignore[valid-type]


Maalform = choice("nb", "nn")

# --- skjerming (the text type and its span markup are in .text) ----------------------------

# --- stated as none -------------------------------------------------------------------------

INGEN = "ingen"


class MedIngen(Model):
    """A model some of whose lists may be *stated as none*: the word ``ingen`` instead of the
    list ("Ingen vedlegg.", "Det vart ikkje fremja forslag"). The list is then empty, as when
    nothing is stated, and :meth:`ingen` tells the two apart, so no code that walks the list
    ever meets the word. Subclasses name their lists in ``INGEN_FELT``."""

    INGEN_FELT: ClassVar[tuple[str, ...]] = ()
    _ingen: frozenset = PrivateAttr(default=frozenset())

    @model_validator(mode="wrap")
    @classmethod
    def _stated_none(cls, value: Any, handler):
        said = ()
        if cls.INGEN_FELT and isinstance(value, dict):
            said = tuple(k for k in cls.INGEN_FELT
                         if isinstance(value.get(k), str) and value[k].strip().lower() == INGEN)
            if said:
                value = {**value, **{k: [] for k in said}}
        model = handler(value)
        if said:
            model._ingen = frozenset(said)
        return model

    def ingen(self, field: str) -> bool:
        """Does the record say there is none (``field: ingen``), rather than not say?"""
        return field in self._ingen


class Skjerming(Model):
    """Exemption from public access (Noark skjerming): of the whole object it sits on, or only of
    the fields listed in ``felt``. Leaving ``felt`` out screens everything, so a forgotten list
    fails safe."""

    hjemmel: str
    felt: list[str] = Field(default_factory=list)
    tilgangsrestriksjon: str | None = None
    opphoerer: Dato | None = None

    @property
    def hele(self) -> bool:
        return not self.felt


#: class name -> the fields that identify a record and are public whatever its skjerming says
#: (the journal lists a closed case by its number; a meeting is its body and date)
ALWAYS_PUBLIC: dict[str, frozenset[str]] = {
    "Sak": frozenset({"saksnr"}),
    "Moete": frozenset({"utvalg", "moetedato"}),
    "Behandling": frozenset({"utvalg", "moetedato"}),
}


class Skjermbar(Model):
    """A model that may carry ``skjerming``; field names in ``skjerming.felt`` must exist and
    not be the record's identity (:data:`ALWAYS_PUBLIC`)."""

    skjerming: Skjerming | None = None

    @field_validator("skjerming")
    @classmethod
    def _felt_exist(cls, skjerming: Skjerming | None):
        # a field validator runs only where skjerming is written; a model validator would run
        # on every case, agenda item and section
        for i, name in enumerate(skjerming.felt if skjerming else ()):
            if name not in cls.model_fields or name == "skjerming":
                raise PydanticCustomError(
                    "kvk_skjerming_felt", _("skjerming.felt names '{name}', which is not a field here"),
                    {"name": name, "loc": ("felt", i)})
            if name in ALWAYS_PUBLIC.get(cls.__name__, ()):
                raise PydanticCustomError(
                    "kvk_skjerming_felt",
                    _("skjerming.felt names '{name}', which identifies the record and is always public"),
                    {"name": name, "loc": ("felt", i)})
        return skjerming

    def skjermet(self, field: str) -> str | None:
        """The hjemmel if ``field`` is exempt from public access, else None."""
        s = self.skjerming
        if s is not None and (s.hele or field in s.felt):
            return s.hjemmel
        return None
