"""Records built from the models themselves, with a unique secret in every skjermet place.

:class:`Planter` fills *every* field of a model class from its annotations (no list of fields
here: a field added to a model is filled, and planted in, automatically):

* every ``Tekst`` field holds a ``[[skjermet]]`` span with a fresh secret;
* every ``Intern`` field (reasons for absence) holds a bare secret: it is never public;
* every object that may carry ``skjerming`` draws one: none, whole, or a random set of its
  fields (``felt``); everything under a skjermet place (texts, names, codes, the names of the
  people and bodies it refers to) is a bare secret, except what
  ``kvk.models.redaction.PUBLIC_WHEN_CLOSED`` says the public journal shows;
* every id gets a person, a body (with one member), a party and an organisation of its own (an
  id field does not say which it refers to), named with a secret when the id sits in a skjermet
  place;
* every case number gets a case of its own, built the same way; the case numbers inside a linked
  case point at that case (else each linked case would link another, without end).

A generated value that a model validator refuses (both ``kl`` and ``sak`` in a Tidspunkt, a vote
both enstemmig and with votes against) is dropped and the record validated again, so the
records are always valid; :meth:`Planter.coverage` says which text fields ended up planted.
"""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from kvk.models import common
from kvk.models.redaction import PUBLIC_WHEN_CLOSED, reachable_models, text_fields
from kvk.models.text import text_kind

#: plain-string fields that refer to another entry of the same record (an agenda item's nr, a
#: proposal's id): their value must name that entry, so it is a number, never a secret
REFERENCES = {"Tidspunkt.sak", "Inhabilitet.sak", "Votering.over", "Forslag.id", "Vedtak.som", "Punkt.nr", "Punkt.del_av",
              "Moete.rekkefoelge", "Deltaker.til_stede_i", "Hendelse.foer", "Hendelse.etter", "Hendelse.under"}
HJEMLER = ["offl. § 13", "offl. § 23", "offl. § 25 første ledd", "fvl. § 13 første ledd nr. 1"]
PREFIX = "HEMMELIG"
MAX_DEPTH = 6


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def _leaf(tp: Any, metadata: list) -> tuple[str, Any]:
    """What kind of value a (non-optional) annotation wants."""
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        args = typing.get_args(tp)
        return _leaf(args[0], [*metadata, *args[1:]])
    kind = text_kind(metadata)
    if kind is not None:
        return ("text", kind)
    if origin is list:
        return ("list", typing.get_args(tp)[0])
    if origin is dict:
        return ("dict", None)
    if origin is typing.Literal:
        return ("literal", typing.get_args(tp))
    for item in metadata:
        func = getattr(item, "func", None)
        if func is common.parse_saksnr:
            return ("saksnr", None)
        if func is common.parse_utvalgssaksnr:
            return ("utvalgssaksnr", None)
        if getattr(item, "pattern", None) == common.SLUG_PATTERN:
            return ("id", None)
        if getattr(item, "pattern", None):
            return ("pattern", item.pattern)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return ("model", tp)
    if tp is bool:
        return ("bool", None)
    if tp is int:
        return ("int", None)
    if tp is float:
        return ("float", None)
    if tp is datetime.date:
        return ("date", None)
    if tp is datetime.time:
        return ("time", None)
    if getattr(tp, "__name__", "") == "Period":
        return ("period", None)
    return ("str", None)


class Planter:
    def __init__(self, draw):
        self.draw = draw
        self.secrets: dict[str, str] = {}  # secret -> where it was planted
        self.people: list[dict] = []
        self.bodies: list[dict] = []
        self.parties: list[dict] = []
        self.organisations: list[dict] = []
        self.cases: dict[str, dict] = {}
        self._refs = 0
        self._in_case: list[str] = []  # the linked case being built
        self._stripped: set[int] = set()

    # --- secrets ---------------------------------------------------------------------------

    def secret(self, where: str) -> str:
        value = f"{PREFIX}{len(self.secrets):05d}Q"
        self.secrets[value] = where
        return value

    def span(self, where: str) -> str:
        hjemmel = self.draw(st.sampled_from(HJEMLER))
        before = self.draw(st.sampled_from(["Åpen tekst ", "Offentlig: ", ""]))
        return f'{before}[[skjermet hjemmel="{hjemmel}"]]{self.secret(where)}[[/skjermet]] slutt.'

    # --- values by annotation ----------------------------------------------------------------

    def build(self, cls: type[BaseModel], closed: bool = False, depth: int = 0, where: str = "",
              **fixed: Any) -> dict:
        """Raw data for ``cls`` (as a record file would hold it) with every field filled."""
        where = where or cls.__name__
        data: dict[str, Any] = {}
        hidden: set[str] = set()
        keep: frozenset[str] = frozenset()
        if "skjerming" in cls.model_fields and not closed:
            identity = common.ALWAYS_PUBLIC.get(cls.__name__, frozenset())
            names = [n for n in cls.model_fields if n != "skjerming" and n not in identity]
            mode = self.draw(st.sampled_from(["none", "whole", "felt"]))
            hjemmel = self.draw(st.sampled_from(HJEMLER))
            if mode == "whole":
                data["skjerming"] = {"hjemmel": hjemmel}
                closed, keep = True, PUBLIC_WHEN_CLOSED.get(cls.__name__, frozenset())
            elif mode == "felt":
                hidden = set(self.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)))
                data["skjerming"] = {"hjemmel": hjemmel, "felt": sorted(hidden)}
        for name, info in cls.model_fields.items():
            if name == "skjerming":
                continue
            key = info.alias or name
            if name in fixed:
                data[key] = fixed[name]
                continue
            here = closed and name not in keep or name in hidden
            data[key] = self.value(info, here, depth, f"{where}.{name}", f"{cls.__name__}.{name}")
        return data

    def value(self, info: FieldInfo, closed: bool, depth: int, where: str, field: str = "") -> Any:
        kind, arg = _leaf(info.annotation, list(info.metadata))
        if kind == "list":
            if depth >= MAX_DEPTH:
                return []
            inner = FieldInfo.from_annotation(arg)
            return [self.value(inner, closed, depth + 1, f"{where}[0]", field)]
        return self.leaf(kind, arg, closed, depth, where, field)

    def leaf(self, kind: str, arg: Any, closed: bool, depth: int, where: str, field: str = "") -> Any:
        if kind == "text":
            return self.secret(where) if closed or not arg.public else self.span(where)
        if kind == "model":
            if depth >= MAX_DEPTH:
                return None
            return self.build(arg, closed, depth + 1, where)
        if kind == "literal":
            return self.draw(st.sampled_from(arg))
        if kind == "bool":
            return self.draw(st.booleans())
        if kind == "int":
            return 5
        if kind == "float":
            return self.draw(st.sampled_from([9.5, 12.0, 17.25]))
        if kind == "date":
            return "2009-11-18"
        if kind == "time":
            return "13:00"
        if kind == "period":
            return "2009"
        if kind == "dict":
            return {}
        if kind == "id":
            return self.ref(closed, depth, where)
        if kind == "saksnr":
            return self.case_ref(depth, where)
        if kind == "pattern":
            return self.draw(st.from_regex(arg, fullmatch=True))
        if kind == "utvalgssaksnr":
            return "PS 1/09"
        if field in REFERENCES:
            return "1"
        return self.secret(where) if closed else "1"  # a code or an item number

    def ref(self, closed: bool, depth: int, where: str) -> str:
        """A fresh id with a person, a body, a party and an organisation of that id (named with
        secrets when closed)."""
        from kvk.models.organisation import Eksternorganisasjon, Medlem, Parti, Person, Utvalg

        self._refs += 1
        rid = f"r{self._refs}"
        if depth < MAX_DEPTH:
            self.people.append(self.build(Person, closed, MAX_DEPTH, f"{where}->Person", id=rid))
            member = self.build(Medlem, closed, MAX_DEPTH, f"{where}->Utvalg.medlemmer[0]", person=rid, erstatter=None)
            self.bodies.append(self.build(Utvalg, closed, MAX_DEPTH, f"{where}->Utvalg", id=rid, medlemmer=[member]))
            self.parties.append(self.build(Parti, closed, MAX_DEPTH, f"{where}->Parti", id=rid))
            self.organisations.append(self.build(Eksternorganisasjon, closed, MAX_DEPTH,
                                                 f"{where}->Eksternorganisasjon", id=rid))
        return rid

    def case_ref(self, depth: int, where: str) -> str:
        """A case number with a case of its own (its text is the saksframlegg's)."""
        from kvk.models.case import Sak

        if self._in_case:
            # a linked case's own references (its papers name cases too) point at itself: built
            # out, each linked case would link another, without end
            return self._in_case[-1]
        saksnr = f"2009/{100 + len(self.cases)}"
        self.cases[saksnr] = {}
        self._in_case.append(saksnr)
        try:
            self.cases[saksnr] = self.build(Sak, False, 0, f"{where}->Sak", saksnr=saksnr)
        finally:
            self._in_case.pop()
        return saksnr

    # --- valid models --------------------------------------------------------------------------

    def validate(self, cls: type[BaseModel], data: dict) -> BaseModel:
        """The model of ``data``, dropping whatever a model validator refuses (see the module)."""
        for _ in range(60):
            try:
                return cls.model_validate(data)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    # a model validator names the field at fault in its context (kvk's convention)
                    at_fault = tuple((err.get("ctx") or {}).get("loc") or ())
                    _drop(data, (*err["loc"], *at_fault), err["type"] == "missing", self._stripped)
        raise AssertionError(f"could not make a valid {cls.__name__}")

    def organisation(self):
        from kvk.models.organisation import Organisasjon

        return self.validate(Organisasjon, {"partier": self.parties, "organisasjoner": self.organisations,
                                            "personer": self.people, "utvalg": self.bodies})

    def linked_cases(self) -> list:
        from kvk.models.case import Sak

        return [self.validate(Sak, data) for data in self.cases.values() if data]


def _drop(data: Any, loc: tuple, missing: bool, stripped: set[int]) -> None:
    """Remove what ``loc`` names (for a missing field: the object that lacks it). An object a
    model validator refuses first loses its values that hold no secret (the numbers of a vote
    that disagree with its roll call), then, if that is not enough, itself."""
    # the secrets under a skjerming are planted as hidden: dropping it would make them public
    assert "skjerming" not in loc, f"the planter drew a skjerming the model refuses: {loc}"
    if missing:
        loc = loc[:-1]
    if not loc:
        return
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return
    last = loc[-1]
    try:
        target = parent[last]
    except (KeyError, IndexError, TypeError):
        if not missing:  # pydantic names a model-level error by its owner
            _drop(data, loc, True, stripped)
        return  # (a missing field of an object already dropped)
    if not missing and isinstance(target, dict) and id(target) not in stripped:
        stripped.add(id(target))
        # (never its skjerming: that would make the secrets under it public)
        for key in [k for k, v in target.items() if PREFIX not in repr(v) and k != "skjerming"]:
            del target[key]
        return
    if isinstance(parent, dict):
        del parent[last]
    else:
        parent.pop(last)


def coverage(models: list[BaseModel]) -> set[str]:
    """'Class.field' of every text field that holds a planted secret in ``models``."""
    found: set[str] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, BaseModel):
            kinds = text_fields(type(obj))
            for name in type(obj).model_fields:
                value = getattr(obj, name)
                if name in kinds and PREFIX in repr(value):
                    found.add(f"{type(obj).__name__}.{name}")
                walk(value)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v)

    for m in models:
        walk(m)
    return found


def all_text_fields(*roots: type[BaseModel]) -> set[str]:
    """'Class.field' of every Tekst or Intern field reachable from ``roots``, by annotation."""
    return {f"{cls.__name__}.{name}" for cls in reachable_models(*roots) for name in text_fields(cls)}
