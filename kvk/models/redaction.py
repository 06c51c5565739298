"""The public form of validated records: exempt content replaced, before anything renders them.

:func:`redact` walks a model instance generically, by the models' own field annotations, and
returns a redacted copy (the instance itself is left alone):

* every field typed ``Tekst`` (:mod:`.text`): its ``[[skjermet]]`` spans become the marker;
* every field typed ``Intern`` (a reason for absence): dropped, skjerming or not;
* every field named in the ``skjerming.felt`` of its object: its whole value becomes the marker;
* every object with whole-record skjerming (``skjerming`` without ``felt``): every field becomes
  the marker, except the few in :data:`PUBLIC_WHEN_CLOSED` that the public journal shows;
* any other string that looks like skjerming markup (validation refuses it in ``Tekst``; a
  string field of another type should not hold it): the marker, fail closed.

"Becomes the marker" (scrubbing) leaves a choice (a value from a closed set, such as a
section's ``type``: it says which standard heading to print and holds nothing a person wrote)
and replaces a string by the marker, a number, date, time or yes/no
by None, a list by at most one scrubbed element, a nested object by a copy with every field
scrubbed and a whole-record skjerming of its own (so a view asking "is this skjermet?" still
says yes). Nothing is looked up by a hand-written list of secret fields: a field added next year
is text (so redacted) or scrubbed with its object. The one table here, :data:`PUBLIC_WHEN_CLOSED`,
lists what stays *public*; a field missing from it fails safe (it is hidden).

The marker's wording is :data:`MARKERS` (the documents' labels take it from here, so every
public output says the same); :func:`marker` makes the function the walk takes.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .common import ALWAYS_PUBLIC
from .text import TextKind, may_hold_markup, redact_spans, text_kind

#: hjemmel (None when unknown) -> the text shown in place of exempt content
Marker = Callable[[str | None], str]

#: målform -> (marker with its hjemmel, marker without one)
MARKERS = {
    "nb": ("Unntatt offentlighet, {hjemmel}", "Unntatt offentlighet"),
    "nn": ("Unnateke frå innsyn, {hjemmel}", "Unnateke frå innsyn"),
}


def marker(maalform: str = "nb") -> Marker:
    """"Unntatt offentlighet, offl. § 13" (nn: "Unnateke frå innsyn, offl. § 13")."""
    with_hjemmel, without = MARKERS["nn" if maalform == "nn" else "nb"]
    return lambda hjemmel: with_hjemmel.format(hjemmel=hjemmel) if hjemmel else without

#: class name -> fields shown even when the object itself is wholly skjermet: its identity (the
#: public journal lists a closed case by number and offentlig_tittel) and what says which
#: standard heading to print. Everything else of such an object is scrubbed.
PUBLIC_WHEN_CLOSED: dict[str, frozenset[str]] = {
    "Sak": frozenset({"saksnr", "vis_saksnr", "offentlig_tittel", "dokumenttype", "maalform"}),
    "Moete": frozenset({"utvalg", "moetedato", "dokumenttype", "maalform", "dokumentdato"}),
    "Punkt": frozenset({"nr", "offentlig_tittel", "sak", "type"}),
    "Behandling": frozenset({"utvalg", "moetedato", "utvalgssaksnr"}),
    "Innstilling": frozenset({"fra", "type", "utvalg"}),
    "Seksjon": frozenset({"type"}),
    "Vedlegg": frozenset({"nr"}),
}


# --- what the annotations say ------------------------------------------------------------------

def _kind_of(annotation: Any, metadata: Iterable[Any] = ()) -> TextKind | None:
    """The TextKind of a field (through Optional and list), or None for anything else."""
    found = text_kind(metadata)
    if found is not None:
        return found
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        return text_kind(args[1:]) or _kind_of(args[0])
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = _kind_of(arg)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=None)
def text_fields(cls: type[BaseModel]) -> dict[str, TextKind]:
    """Field name -> TextKind for every free-text field of ``cls`` (from its annotations)."""
    out = {}
    for name, info in cls.model_fields.items():
        kind = _kind_of(info.annotation, info.metadata)
        if kind is not None:
            out[name] = kind
    return out


def _is_choice(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return True
    if origin is typing.Annotated:
        return _is_choice(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_choice(a) for a in args)
    return False


@lru_cache(maxsize=None)
def choice_fields(cls: type[BaseModel]) -> frozenset[str]:
    """Fields of ``cls`` whose values come from a closed set (``choice(...)``)."""
    return frozenset(name for name, info in cls.model_fields.items() if _is_choice(info.annotation))


def reachable_models(*roots: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class reachable from ``roots`` through field annotations, roots first."""
    from .common import model_classes

    seen: list[type[BaseModel]] = []
    todo = list(roots)
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for info in cls.model_fields.values():
            todo.extend(model_classes(info.annotation))
    return seen


# --- the walk ------------------------------------------------------------------------------------

def redact(model: BaseModel, marker: Marker) -> BaseModel:
    """A copy of ``model`` in which nothing exempt from public access is left (see the module)."""
    return _redact(model, marker)


def public_records(models: Iterable[BaseModel], marker: Marker) -> list[BaseModel]:
    """:func:`redact` over many records: what any public output (a document, the site) starts
    from."""
    return [_redact(m, marker) for m in models]


def public_record_list(records: Iterable[Any], marker: Marker) -> list[Any]:
    """Loaded records (``kvk.repository.Record``) with their models redacted; path and source
    are kept (positions for findings), the model is the public copy."""
    return [replace(r, model=_redact(r.model, marker)) for r in records]


def _redact(model: BaseModel, marker: Marker) -> BaseModel:
    skjerming = getattr(model, "skjerming", None)
    if skjerming is not None and not skjerming.felt:
        return _close(model, skjerming.hjemmel, marker,
                      keep=PUBLIC_WHEN_CLOSED.get(type(model).__name__, frozenset()))
    hidden = set(skjerming.felt) if skjerming is not None else set()
    hidden -= ALWAYS_PUBLIC.get(type(model).__name__, frozenset())  # validation refuses them
    kinds = text_fields(type(model))
    updates: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name == "skjerming":
            continue
        value = getattr(model, name)
        if name in hidden and name not in choice_fields(type(model)):
            new = _scrub(value, skjerming.hjemmel, marker)
        elif name in kinds:
            new = _text(value, marker) if kinds[name].public else ([] if isinstance(value, list) else None)
        else:
            new = _inner(value, marker)
        if new is not value:
            updates[name] = new
    return model.model_copy(update=updates) if updates else model


def _text(value: Any, marker: Marker) -> Any:
    if isinstance(value, str):
        return redact_spans(value, marker)
    if isinstance(value, list):
        new = [_text(v, marker) for v in value]
        return value if all(a is b for a, b in zip(new, value)) else new
    return _inner(value, marker)


def _inner(value: Any, marker: Marker) -> Any:
    """A value that is not free text: nested models are walked, odd strings fail closed."""
    if isinstance(value, BaseModel):
        return _redact(value, marker)
    if isinstance(value, list):
        new = [_inner(v, marker) for v in value]
        return value if all(a is b for a, b in zip(new, value)) else new
    if isinstance(value, dict):
        new_d = {k: _inner(v, marker) for k, v in value.items()}
        return value if all(new_d[k] is value[k] for k in value) else new_d
    if isinstance(value, str) and may_hold_markup(value):
        return marker(None)
    return value


def _close(model: BaseModel, hjemmel: str | None, marker: Marker, keep: frozenset[str] = frozenset()) -> BaseModel:
    """A copy with every field but ``keep`` scrubbed, carrying a whole-record skjerming."""
    updates: dict[str, Any] = {}
    keep = keep | choice_fields(type(model))
    for name in type(model).model_fields:
        if name == "skjerming" or name in keep:
            continue
        updates[name] = _scrub(getattr(model, name), hjemmel, marker)
    if "skjerming" in type(model).model_fields:
        from .common import Skjerming

        updates["skjerming"] = getattr(model, "skjerming", None) or Skjerming.model_construct(
            hjemmel=hjemmel, felt=[], tilgangsrestriksjon=None, opphoerer=None)
    kept = {name: getattr(model, name) for name in keep if name in type(model).model_fields}
    for name, value in kept.items():  # what stays public is still text that may hold spans
        if isinstance(value, str) and name not in choice_fields(type(model)):
            updates[name] = redact_spans(value, marker) if may_hold_markup(value) else value
    return model.model_copy(update=updates)


def _scrub(value: Any, hjemmel: str | None, marker: Marker) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return marker(hjemmel)
    if isinstance(value, BaseModel):
        return _close(value, hjemmel, marker)
    if isinstance(value, (list, tuple)):
        return [_scrub(value[0], hjemmel, marker)] if value else []
    if isinstance(value, dict):
        return {}
    return None  # numbers, dates, times, yes/no: nothing of them is shown
