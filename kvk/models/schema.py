"""JSON Schema for every record kind, generated from the models, for editors.

The YAML language server (VS Code and others) reads the ``# yaml-language-server: $schema=…``
line at the top of a record and then completes field names and flags mistakes as people type.
kvk itself never validates with these schemas: the models stay the one source of truth.

An editor reads a record with YAML 1.2 core typing, kvk reads every value as text (see
kvk.io.yaml). So ``periode: 2007`` is a number to the editor and the text "2007" to kvk,
``start: 13.15`` a number and a time, ``vedtak: Saken utsettes.`` text that kvk turns into a
vedtak. Each schema below therefore types a field as what YAML 1.2 core makes of every spelling
kvk accepts for it (``tests/editor/test_agreement.py`` holds the two to each other), and
expresses the rules between fields a schema can (if/then), so the editor agrees with
``kvk check`` wherever it can see what kvk sees. What it cannot see (other files, the spelling
YAML 1.2 throws away) is listed in docs/editors.md.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel

from .. import layout

SCHEMA_DIR = layout.SCHEMAS
#: record kind -> description of its schema; "kvk" is the repository's kvk.yaml
KINDS = {
    "sak": "En sak: data/saker/<år>/<år>-<nr>.yaml",
    "moete": "Et møte (innkalling, referat, møteprotokoll): data/moter/<år>/<dato>-<utvalg>.yaml",
    "organisasjon": "Personer og utvalg: data/organisasjon.yaml",
    "indikatorer": "Kvalitetsindikatorer, målinger og påstander: data/indikatorer/*.yaml",
    "kvk": "Innstillingene for arkivet: kvk.yaml",
}

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _model(kind: str) -> type[BaseModel]:
    if kind == "kvk":
        from .config import Config

        return Config
    from . import model_of

    return model_of(kind)


# --- what YAML 1.2 core makes of the spellings kvk accepts ------------------------------------
#
# kvk reads `x: 2009` as the text "2009"; YAML 1.2 core as the integer 2009. `13.15` is a float,
# `true`/`True`/`TRUE` booleans, `~`/`null`/an empty value null; `0301` the integer 301, `1e3`
# the float 1000. Dates (`2009-10-30`), `18:00`, `ja`, `no`, `12,5` stay strings in YAML 1.2.


def _ci(word: str) -> str:
    """A case-insensitive regex for ``word`` (ECMAScript regexes, as editors run them, have no
    inline (?i) flag)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_SP = r"\s*"  # kvk strips the text it parses: a quoted ' 9.5' is a number to it
_DIGITS = r"\d+(?:_\d+)*"  # pydantic reads 1_000 as a thousand


def _float_text(u: str) -> str:
    """A number as text; ``u`` is what may stand between two of its characters."""
    d = rf"\d(?:{u}\d)*"
    return rf"(?:[-+]{u})?(?:{d}(?:{u}\.(?:{u}{d})?)?|\.{u}{d})(?:{u}[eE]{u}(?:[-+]{u})?{d})?"


# pydantic's float parser takes single underscores between any two characters (`1_.5`, `1e_3`,
# `-_1`), but then no space around the number
_NUMBER_TEXT = rf"^(?:{_SP}{_float_text('')}{_SP}|{_float_text('_?')})$"
# `-0` is zero, which a count may be
_NONNEG_INT_TEXT = rf"^{_SP}(?:\+|-(?=0+(?:\.0+)?{_SP}$))?{_DIGITS}(?:\.0+)?{_SP}$"
_INT_TEXT = rf"^{_SP}[-+]?{_DIGITS}(?:\.0+)?{_SP}$"

#: what kvk reads as ja and as nei (kvk.models.common.parse_bool; the agreement test holds them together)
JA = ("ja", "j", "true", "yes", "sann")
NEI = ("nei", "n", "false", "no", "usann")

_DAY_MONTH = (r"(?:(?:0?[1-9]|1\d|2\d)\.(?:0?[1-9]|1[0-2])|30\.(?:0?[13-9]|1[0-2])"
              r"|31\.(?:0?[13578]|1[02]))")
_MONTH_DAY = (r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2\d)|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)")
DATE_PATTERN = rf"^{_SP}(?:\d{{4}}-{_MONTH_DAY}|{_DAY_MONTH}\.\d{{4}}){_SP}$"
TIME_PATTERN = rf"^{_SP}(?:[01]?\d|2[0-3])[:.][0-5]\d{_SP}$"
PERIOD_PATTERN = (rf"^{_SP}\d{{4}}(?:-(?:S0?[12]|T0?[1-3]|Q0?[1-4]|M(?:0?[1-9]|1[0-2])"
                  rf"|W(?:0?[1-9]|[1-4]\d|5[0-3])|0[1-9]|1[0-2]))?{_SP}$")
SAKSNR_PATTERN = rf"^{_SP}\d{{4}}/(?=\d{{1,7}}{_SP}$)0*[1-9]\d*{_SP}$"


def _say(schema: dict, message: str) -> dict:
    """What the editor says when a value does not fit (``errorMessage``, which the YAML language
    server and VS Code show instead of a regular expression; validators ignore it).

    Each scalar is one schema with a list of types rather than an anyOf of one per type: a
    ``pattern`` applies only to a string and a ``minimum`` only to a number anyway, and the
    language server then reports the mistake itself instead of "Incorrect type" from whichever
    alternative it thought closest."""
    return {**schema, "errorMessage": message}


def _text() -> dict:
    # any scalar is text to kvk: `tittel: 2009` is the title "2009"
    return {"type": ["string", "number", "boolean"]}


# kvk.models.text's grammar: an opener ([ ［ { < ⟦, one or more), spaces, an optional /, spaces and
# "skjerm" in any case (as Python's IGNORECASE folds it: ſ is an s, the Kelvin sign a k) is markup,
# and must be exactly an opening or a closing tag; anything else that looks like one is a near miss
# (KVK120). Written without inline flags, which ECMAScript (the language server's regex) lacks.
_SPACE_CHAR = "[ \t\r\n\u00a0]"
_NEAR = (rf"[\[［{{<⟦]+{_SPACE_CHAR}*/?{_SPACE_CHAR}*"
         "[sSſ][kKK][jJ][eE][rR][mM]")
_OPEN = r'\[\[skjermet' + _SPACE_CHAR + r'\s*hjemmel\s*=\s*"[^"\n\[\]]*[^"\s\[\]][^"\n\[\]]*"\s*\]\]'
_CLOSE = r"\[\[/skjermet\]\]"
_PLAIN = rf"(?:(?!{_NEAR})[\s\S])*"
#: text whose [[skjermet]] spans are exact, balanced, not nested and each carry a hjemmel, with no
#: near miss anywhere (kvk.models.text.parse_spans)
SPANS_PATTERN = rf"^{_PLAIN}(?:{_OPEN}{_PLAIN}{_CLOSE}{_PLAIN})*$"


def _marked_text() -> dict:
    # doubtful markup is an error, not plain text: the editor flags it as kvk does
    return _say({**_text(), "pattern": SPANS_PATTERN},
                'Ugyldig skjerming i teksten: skriv nøyaktig [[skjermet hjemmel="offl. § 13"]]…[[/skjermet]] '
                "(to hakeparenteser, små bokstaver, ordet «skjermet», ingen mellomrom inni parentesene); "
                "hver trenger sin hjemmel og må lukkes, og de kan ikke ligge inni hverandre.")


#: the largest finite double: YAML 1.2 reads .inf and 1e999 as infinity, which no measurement is
_FINITE_MAX = sys.float_info.max
#: rejects NaN (YAML 1.2's .nan), which no comparison keyword can: every comparison with NaN is
#: false, so NaN passes a ``maximum`` below a ``minimum``, which no real number does
_NOT_NAN = {"not": {"type": "number", "maximum": -_FINITE_MAX, "minimum": _FINITE_MAX}}


def _number(largest: float = _FINITE_MAX) -> dict:
    # the bound applies to a number; a number written as text ("1e100" in quotes) is judged by
    # the pattern alone, which cannot say how large it is (docs/editors.md)
    return _say({"type": ["number", "string"], "pattern": _NUMBER_TEXT, "examples": [9.5, 120],
                 "minimum": -largest, "maximum": largest, **_NOT_NAN},
                "Ikke et tall: skriv desimaltall med punktum, f.eks. 9.5 (ikke 9,5).")


def _integer(minimum: int | None = None, maximum: int | None = None) -> dict:
    bounds = {k: v for k, v in (("minimum", minimum), ("maximum", maximum)) if v is not None}
    text = _NONNEG_INT_TEXT if minimum is not None and minimum >= 0 else _INT_TEXT
    # a bound on text cannot be written as a regex in general; 0 (no minus sign) is the common one
    what = "Et heltall, 0 eller mer" if minimum == 0 else "Et heltall"
    if maximum is not None:
        what += f" (høyst {maximum})"
    return _say({"type": ["integer", "string"], **bounds, "pattern": text, "examples": [4]},
                f"{what}, f.eks. 4.")


def _ja_nei() -> dict:
    words = "|".join(_ci(w) for w in JA + NEI)
    return _say({"type": ["boolean", "string"], "pattern": rf"^{_SP}(?:{words}){_SP}$",
                 "examples": ["ja", "nei"]}, "Skriv ja eller nei.")


def _ja() -> dict:
    """The spellings of ja only (for the if of a rule)."""
    words = "|".join(_ci(w) for w in JA)
    return {"anyOf": [{"const": True}, {"type": "string", "pattern": rf"^{_SP}(?:{words}){_SP}$"}]}


def _date() -> dict:
    return _say({"type": "string", "pattern": DATE_PATTERN, "examples": ["2009-10-30", "30.10.2009"]},
                "Ikke en dato: skriv 2009-10-30 eller 30.10.2009, med en dag som finnes i måneden.")


def _time() -> dict:
    # `13.15` is the float 13.15 to YAML 1.2; hour 25 is refused in both spellings
    return _say({"type": ["string", "number"], "pattern": TIME_PATTERN, "minimum": 0, "exclusiveMaximum": 24,
                 "examples": ["13:15", "13.15"]}, "Ikke et klokkeslett: skriv 13:15 eller 13.15 (time 0–23, minutt 00–59).")


def _period() -> dict:
    # a year alone (`2007`) is an integer to YAML 1.2
    return _say({"type": ["string", "integer"], "pattern": PERIOD_PATTERN, "minimum": 0, "maximum": 9999,
                 "examples": ["2009", "2009-Q3", "2009-M03", "2009-T2", "2009-S1", "2009-W05"]},
                "Ikke en periode: 2009, 2009-S1 (S1–S2), 2009-T1 (T1–T3), 2009-Q1 (Q1–Q4), 2009-M01 eller "
                "2009-01 (måned 1–12), 2009-W01 (uke 1–53).")


def _slug() -> dict:
    from .common import SLUG_PATTERN

    # an id of digits only (`0301`) is an integer to YAML 1.2
    return _say({"type": ["string", "integer"], "pattern": SLUG_PATTERN, "minimum": 0},
                "Ikke en id: små bokstaver a–z, sifre, - og _, f.eks. kari-nordmann.")


def _saksnr() -> dict:
    return _say({"type": "string", "pattern": SAKSNR_PATTERN, "examples": ["2008/628"]},
                "Ikke et saksnr: saksår med fire sifre, skråstrek og nummer, f.eks. 2008/628.")


def _utvalgssaksnr() -> dict:
    from pydantic import TypeAdapter

    from .common import Utvalgssaksnr

    pattern = TypeAdapter(Utvalgssaksnr).json_schema()["pattern"]
    return _say({"type": "string", "pattern": pattern, "examples": ["45/08", "PS 45/2008"]},
                "Ikke et utvalgssaksnr: nummer/år, f.eks. 45/08 eller PS 45/2008.")


def _arkivsaksnr() -> dict:
    # kvk drops the spaces in it; a part may be left out (2014/, /71), a document number added
    pattern = r"^\s*(?:\d\s*){2}(?:(?:\d\s*){2})?/\s*(?:(?:\d\s*){1,7})?(?:-\s*(?:\d\s*){1,5})?$" \
        r"|^\s*/\s*(?:\d\s*){1,7}(?:-\s*(?:\d\s*){1,5})?$"
    return _say({"type": "string", "pattern": pattern, "examples": ["2014/1277", "2015/40-1", "2014/", "/71"]},
                "Ikke et arkivsaksnr: år/nummer, f.eks. 2014/1277 eller 2015/40-1; en del kan mangle: 2014/ eller /71.")


def _scalars() -> list[tuple[Any, Any]]:
    """(type in the models, its editor schema) for every kvk scalar type, compared with ``==``."""
    from . import common

    return [(common.Dato, _date), (common.Klokkeslett, _time), (common.Periode, _period),
            (common.Tall, lambda: _number(common.LARGEST)), (common.Heltall, _integer), (common.JaNei, _ja_nei),
            (common.Id, _slug), (common.Saksnr, _saksnr), (common.Utvalgssaksnr, _utvalgssaksnr),
            (common.Arkivsaksnr, _arkivsaksnr),
            (common.Tekst, _marked_text), (str, _text), (int, _integer), (float, _number), (bool, _bool)]


#: what pydantic reads as true and false from text (a plain ``bool`` field; kvk's own is JaNei)
_PYDANTIC_BOOL = ("true", "false", "yes", "no", "on", "off", "1", "0", "t", "f", "y", "n")


def _bool() -> dict:
    words = "|".join(_ci(w) for w in _PYDANTIC_BOOL)
    return _say({"type": ["boolean", "string"], "pattern": rf"^(?:{words})$"}, "Skriv true eller false.")


# --- choices, written as people say them ----------------------------------------------------

_FOLDS = {"oe": "(?:[oO][eE]|[øØ])", "aa": "(?:[aA][aA]|[åÅ])", "ae": "(?:[aA][eE]|[æÆ])"}


def _folded(value: str) -> str:
    """A regex for every spelling kvk folds to ``value`` ('Forslag til vedtak', 'ordfører')."""
    out, i = [], 0
    while i < len(value):
        pair = value[i:i + 2]
        if pair in _FOLDS:
            out.append(_FOLDS[pair])
            i += 2
            continue
        c = value[i]
        out.append("[_ -]" if c == "_" else f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c))
        i += 1
    return "".join(out)


def _choice(values: tuple[str, ...]) -> dict:
    schema: dict = {"enum": list(values)}
    # kvk folds a refused choice ('Vedtatt', 'Forslag til vedtak') and tries again; codes of up to
    # three letters (PS, nb, A) are taken only as written
    long = [v for v in values if len(v) > 3]
    if long:
        schema = {"anyOf": [schema, {"type": "string", "pattern": rf"^{_SP}(?:{'|'.join(_folded(v) for v in long)}){_SP}$"}]}
    return schema


# --- the generator --------------------------------------------------------------------------

_NULL = {"type": "null"}


def _or_null(schema: dict) -> dict:
    if "type" in schema and "anyOf" not in schema:  # a scalar: one more type
        types_ = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*types_, "null"]}
    if "anyOf" in schema and set(schema) <= {"anyOf", "examples"}:
        return {**schema, "anyOf": [*schema["anyOf"], _NULL]}
    keep = {k: schema[k] for k in ("examples",) if k in schema}
    return {"anyOf": [{k: v for k, v in schema.items() if k not in keep}, _NULL], **keep}


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    # each class's annotations are read in its own module (a base class may live elsewhere)
    return typing.get_type_hints(model, include_extras=True)


def _yaml_name(name: str, field) -> str:
    return field.alias or name


class _Generator:
    def __init__(self) -> None:
        from .descriptions import describe, describe_model

        self.defs: dict[str, dict] = {}
        self.unknown: list[str] = []
        self.scalars = _scalars()
        self.describe, self.describe_model = describe, describe_model
        self.classes: dict[str, type] = {}

    def ref(self, model: type[BaseModel]) -> dict:
        name = model.__name__
        # $defs are named by class; two classes of one name in one schema would share a definition
        if self.classes.setdefault(name, model) is not model:
            raise TypeError(f"two models named {name} in one schema: {self.classes[name]} and {model}")
        if name not in self.defs:
            self.defs[name] = {}  # placeholder, for recursive models (Underpunkt)
            self.defs[name] = self.model(model)
        return {"$ref": f"#/$defs/{name}"}

    def model(self, model: type[BaseModel]) -> dict:
        from .common import Skjermbar

        hints = _hints(model)
        properties, required = {}, []
        for name, field in model.model_fields.items():
            key = _yaml_name(name, field)
            schema = _one_or_many(model, name, self.annotation(hints[name], field.metadata))
            if name in getattr(model, "INGEN_FELT", ()):
                schema = _or_ingen(schema)
            if name == "skjerming" and issubclass(model, Skjermbar):
                schema = self.skjerming(model, schema)
            description = self.describe(model, key)
            if description:
                schema = {"description": description, **schema}
            if field.is_required():
                required.append(key)
            elif field.default is not None and not callable(field.default_factory) \
                    and isinstance(field.default, (str, int, float, bool)):
                schema["default"] = field.default
            properties[key] = schema
        out: dict = {"type": "object", "title": model.__name__}
        if self.describe_model(model):
            out["description"] = self.describe_model(model)
        out.update(properties=properties, additionalProperties=False)
        if required:
            out["required"] = required
        rules = _RULES.get(model.__name__)
        if rules:
            out["allOf"] = rules()
        return _SHORTHANDS.get(model.__name__, lambda s: s)(out)

    def annotation(self, hint: Any, metadata: list) -> dict:
        origin = typing.get_origin(hint)
        for known, make in self.scalars:
            if hint == known:
                return self.constrained(make, known, metadata)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(hint)
            options = [self.annotation(a, metadata) for a in args if a is not type(None)]
            schema = options[0] if len(options) == 1 else {"anyOf": options}
            if type(None) in args:  # an empty value (`dato:`) is None to kvk and null to YAML 1.2
                schema = _or_null(schema)
            return schema
        if origin is list:
            (item,) = typing.get_args(hint)
            return {"type": "array", "items": self.annotation(item, [])}
        if origin is dict:
            _key, value = typing.get_args(hint)
            return {"type": "object", "additionalProperties": self.annotation(value, [])}
        if origin is typing.Literal:
            return _choice(typing.get_args(hint))
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            return self.ref(hint)
        if origin is typing.Annotated:  # a type of a model's own (e.g. a choice with a validator)
            return self.annotation(typing.get_args(hint)[0], metadata)
        # a type this module does not know yet: pydantic's own schema, and a test names it
        # (tests/editor/test_schemas.py) so that someone decides how an editor should read it
        from pydantic import TypeAdapter

        self.unknown.append(repr(hint))
        return TypeAdapter(hint).json_schema()

    def constrained(self, make, known, metadata: list) -> dict:
        ge = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
        le = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
        pattern = next((getattr(m, "pattern") for m in metadata if getattr(m, "pattern", None)), None)
        if make is _integer:
            return _integer(ge, le)
        if pattern is not None and make in (_text, _marked_text):
            digits = re.fullmatch(r"\^\\d\{(\d+)\}\$", pattern)
            schema: dict = {"type": "string", "pattern": pattern}
            if digits:  # `kommunenummer: 0301` is the integer 301 to YAML 1.2
                schema = {"type": ["string", "integer"], "pattern": pattern, "minimum": 0,
                          "maximum": 10 ** int(digits[1]) - 1}
            return schema
        return make()

    def skjerming(self, model: type[BaseModel], schema: dict) -> dict:
        """skjerming.felt names fields of the model it sits on: an enum the editor completes,
        without the fields that identify the record (common.ALWAYS_PUBLIC)."""
        from .common import ALWAYS_PUBLIC

        public = ALWAYS_PUBLIC.get(model.__name__, frozenset())
        names = [_yaml_name(n, f) for n, f in model.model_fields.items()
                 if n != "skjerming" and n not in public]
        felt = {"properties": {"felt": {"type": "array", "items": {"enum": names}}}}
        return {"anyOf": [{"allOf": [self.ref(_skjerming_model()), felt]}, _NULL]}


def _skjerming_model():
    from .common import Skjerming

    return Skjerming


# --- rules between fields that a schema can express (the models' validators) ----------------


def _not_empty(name: str, empty_text: bool = True) -> dict:
    """``name`` is given; with ``empty_text``, '' counts as not given (a check of truthiness)."""
    empty = {"anyOf": [_NULL, {"const": ""}]} if empty_text else _NULL
    return {"required": [name], "properties": {name: {"not": empty}}}


def _votering_rules() -> list[dict]:
    # "enstemmig" with votes against (Votering._consistent)
    positive = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                          {"type": "string", "pattern": rf"^{_SP}\+?0*[1-9]\d*(?:\.0+)?{_SP}$"}]}
    return [{"if": {"required": ["enstemmig"], "properties": {"enstemmig": _ja()}},
             "then": {"properties": {"mot": {"not": positive}}}}]


def _protokollstatus_rules() -> list[dict]:
    # approved minutes need the date of approval (Protokollstatus._approved_when)
    return [{"if": {"required": ["status"], "properties": {"status": _choice(("godkjent",))}},
             "then": _not_empty("dato")}]


def _seksjon_rules() -> list[dict]:
    return [{"if": {"required": ["type"], "properties": {"type": _choice(("annet",))}},
             "then": _not_empty("overskrift")}]


def _sak_rules() -> list[dict]:
    # a skjermet case (the whole of it, or its tittel) needs an offentlig_tittel (Sak._public_title)
    whole_or_title = {"type": "object", "anyOf": [
        {"not": {"required": ["felt"]}}, {"properties": {"felt": {"anyOf": [_NULL, {"maxItems": 0}]}}},
        {"properties": {"felt": {"type": "array", "contains": {"const": "tittel"}}}}]}
    return [{"if": {"required": ["skjerming"], "properties": {"skjerming": whole_or_title}},
             "then": _not_empty("offentlig_tittel")}]


def _signatur_rules() -> list[dict]:
    return [{"anyOf": [_not_empty("person"), _not_empty("navn")]}]


def _tidspunkt_rules() -> list[dict]:
    given = {"not": _NULL}
    return [{"oneOf": [{"required": ["kl"], "properties": {"kl": given}},
                       {"required": ["sak"], "properties": {"sak": given}}]}]


def _maaling_rules() -> list[dict]:
    # a verdi, unless the status says the value is missing (Maaling._value_or_missing)
    return [{"if": {"not": {"required": ["status"], "properties": {"status": {"enum": ["M", "O"]}}}},
             "then": {"required": ["verdi"], "properties": {"verdi": {"not": _NULL}}}}]


def _sammenligning_rules() -> list[dict]:
    return [{"not": {"required": ["serie", "indikator"],
                     "properties": {"serie": {"minProperties": 1}, "indikator": {"not": _NULL}}}},
            {"properties": {"serie": {"propertyNames": {"pattern": PERIOD_PATTERN}}}}]


def _vedtak_rules() -> list[dict]:
    # a vedtak needs its tekst, or som: the proposal adopted (Vedtak._text_or_proposal)
    return [{"anyOf": [_not_empty("tekst", empty_text=False), _not_empty("som", empty_text=False)]}]


def _moete_rules() -> list[dict]:
    # a meeting whose moetedato is not stated needs an id (Moete._own_id)
    return [{"anyOf": [_not_empty("moetedato", empty_text=False), _not_empty("id", empty_text=False)]}]


def _one_of(names: tuple[str, ...], exactly: bool) -> dict:
    given = [{"required": [n], "properties": {n: {"not": _NULL}}} for n in names]
    if exactly:
        return {"oneOf": given}
    pairs = [{"allOf": [a, b]} for i, a in enumerate(given) for b in given[i + 1:]]
    return {"not": {"anyOf": pairs}}


def _hendelse_rules() -> list[dict]:
    return [_one_of(("foer", "etter", "under", "kl"), exactly=True)]  # Hendelse._one_point


def _vedlegg_rules() -> list[dict]:
    return [_one_of(("moete", "sak", "fil", "url"), exactly=False)]  # Vedlegg._one_place


def _punkt_rules() -> list[dict]:
    # an item that links a case gives none of the case's papers (Punkt._case_holds_its_papers)
    nothing = {"anyOf": [_NULL, {"type": "array", "maxItems": 0}, {"type": "string"}]}
    names = [n for n in ("arkivsaksnr", "innstilling", "seksjoner", "vedlegg")]
    return [{"if": {"required": ["sak"], "properties": {"sak": {"not": _NULL}}},
             "then": {"properties": {n: (nothing if n in ("seksjoner", "vedlegg") else _NULL) for n in names}}}]


_RULES = {
    "Votering": _votering_rules, "Protokollstatus": _protokollstatus_rules, "Seksjon": _seksjon_rules,
    "Sak": _sak_rules, "Signatur": _signatur_rules, "Tidspunkt": _tidspunkt_rules,
    "Maaling": _maaling_rules, "Sammenligning": _sammenligning_rules,
    "Vedtak": _vedtak_rules, "Moete": _moete_rules, "Hendelse": _hendelse_rules, "Vedlegg": _vedlegg_rules,
    "Punkt": _punkt_rules,
}


# --- shorthands the models accept (their "before" validators) -------------------------------


def _or_scalar(scalar: dict, schema: dict) -> dict:
    # if/then/else rather than anyOf, so the editor reports the mistake inside the mapping
    return {"if": {"type": "object"}, "then": schema, "else": scalar}


def _or_text(schema: dict) -> dict:
    """`vedtak: Saken utsettes.` is a vedtak with that tekst (Vedtak._shorthand)."""
    return _or_scalar(_marked_text(), schema)


def _or_time_or_item(schema: dict) -> dict:
    """`til_stede_til: 13.15` is a time, `til_stede_fra: 47/09` an item (Tidspunkt._shorthand)."""
    return _or_scalar(_text(), schema)


_SHORTHANDS = {"Vedtak": _or_text, "Tidspunkt": _or_time_or_item}


def _or_ingen(schema: dict) -> dict:
    """`vedlegg: ingen` states the list as none (common.MedIngen)."""
    ingen = _say({"type": "string", "pattern": rf"^{_SP}{_ci('ingen')}{_SP}$"}, "En liste, eller ingen.")
    return {"if": {"type": "string"}, "then": ingen, "else": schema}


#: (model whose validator allows it, field): one item may stand for a list of one
_ONE_OR_MANY = {("Behandlingsinnhold", "votering"),  # Behandlingsinnhold._one_vote
                ("Velg", "kategori"), ("Velg", "oppmoete"), ("Velg", "gruppe")}  # config._one_or_more


def _one_or_many(model: type[BaseModel], name: str, schema: dict) -> dict:
    if any((c.__name__, name) in _ONE_OR_MANY for c in model.__mro__):
        # if/then/else rather than anyOf, so the editor reports the mistake inside, not "no match"
        return {"if": {"type": "array"}, "then": schema, "else": schema["items"]}
    return schema


def unknown_types(kind: str) -> list[str]:
    """The types in ``kind``'s models that have no editor schema of their own here."""
    generator = _Generator()
    generator.model(_model(kind))
    return generator.unknown


def _ascii_digits(pattern: str) -> str:
    """``pattern`` with every ``\\d`` as ``[0-9]`` (inside a class: ``0-9``). kvk reads only ASCII
    digits (٢٠٠٩ is not a year), ECMAScript's ``\\d`` is ASCII, Python's is every Unicode digit: a
    validator in Python would otherwise accept what kvk and the editor refuse."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            out.append(("0-9" if in_class else "[0-9]") if pair == "\\d" else pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def _patterns_ascii(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _ascii_digits(v) if k == "pattern" and isinstance(v, str) else _patterns_ascii(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_patterns_ascii(v) for v in node]
    return node


def schema(kind: str) -> dict:
    generator = _Generator()
    root = _model(kind)
    body = _patterns_ascii(generator.model(root))
    generator.defs = _patterns_ascii(generator.defs)
    generator.defs.pop(root.__name__, None)
    out = {"$schema": DRAFT, "$id": f"{kind}.schema.json", "title": f"kvk {kind}",
           **{k: v for k, v in body.items() if k != "title"}}
    out["description"] = KINDS[kind]
    if generator.defs:
        out["$defs"] = dict(sorted(generator.defs.items()))
    return out


def schema_file(kind: str) -> str:
    return posixpath.basename(layout.schema_file(kind))


def render(kind: str) -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for every kind."""
    return {schema_file(kind): render(kind) for kind in KINDS}


def modeline(record_rel: str, kind: str) -> str:
    """The first line of a record written by kvk: a link from the record's folder to its schema
    in the repository (relative, so it works in every clone and on every machine)."""
    return f"# yaml-language-server: $schema={layout.schema_link(record_rel, kind)}\n"


def write_schemas(folder: Path, root: Path | None = None) -> list[Path]:
    """Write (or refresh) every schema into ``folder``; returns the files written. Schemas are
    generated, so replacing them is always safe."""
    from ..io.files import check_writable, write_text

    check_writable(folder, root)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_text(path, text, root=root, overwrite=True)
        written.append(path)
    return written
