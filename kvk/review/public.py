"""Review output that may be shown in public: a pull request, a CI run's summary, an annotation.

A change is quoted only when nothing about it is exempt. It is not when, on its way through
either version of the record, a model's ``skjerming`` covers the field (``felt``) or the whole
record (``hele``); when the field is a reason for absence (``forfall_grunn``); or when any
text in it holds skjerming markup, or anything that looks like it (``[[SKJERMET``,
``[[ skjerma``: doubt fails closed). Such a change is named by its place only, with the hjemmel:
``punkt 2: vedtak changed (skjermet, offl. § 13)``. Names of list items that could carry a
secret (a title, a heading) are replaced by their number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from ..models.common import Skjermbar, parse_spans
from .semdiff import FieldChange, describe

#: fields that hold a reason for absence: internal only, never in a public output
REASONS = frozenset({"forfall_grunn"})
#: skjerming markup, and anything that might be meant as it
_MARKUP = re.compile(r"\[\s*\[?\s*/?\s*skjerm", re.IGNORECASE)
#: item names that are made of fields a person writes (and may be exempt)
_NAMED_BY_TEXT = frozenset({"vedlegg", "seksjoner", "underpunkter", "signatur", "personer", "utvalg"})
INTERNAL = "(internal)"


def _field_name(model: BaseModel, key: str) -> str | None:
    fields = type(model).model_fields
    if key in fields:
        return key
    for name, info in fields.items():
        if info.alias == key:
            return name
    return None


def _child(obj: Any, part: Any) -> Any:
    if isinstance(part, int):
        return obj[part] if isinstance(obj, (list, tuple)) and 0 <= part < len(obj) else None
    if isinstance(obj, BaseModel):
        name = _field_name(obj, part)
        return getattr(obj, name) if name else None
    if isinstance(obj, dict):
        return obj.get(part)
    return None


def exempt_at(model: Any, loc: tuple) -> str | None:
    """Why the value at ``loc`` of ``model`` may not be shown publicly (a hjemmel, or
    :data:`INTERNAL` for a reason of absence), or None."""
    obj = model
    for part in loc:
        if isinstance(obj, Skjermbar):
            if obj.skjerming is not None and obj.skjerming.hele:
                return obj.skjerming.hjemmel
            if isinstance(part, str):
                name = _field_name(obj, part) or part
                hjemmel = obj.skjermet(name)
                if hjemmel:
                    return hjemmel
        if isinstance(part, str) and part in REASONS:
            return INTERNAL
        obj = _child(obj, part)
        if obj is None:
            return None
    return _exempt_inside(obj)


def _exempt_inside(obj: Any) -> str | None:
    """A whole value (an added agenda item, a section) that holds something exempt anywhere."""
    if isinstance(obj, Skjermbar) and obj.skjerming is not None:
        return obj.skjerming.hjemmel
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name in REASONS and getattr(obj, name):
                return INTERNAL
            found = _exempt_inside(getattr(obj, name))
            if found:
                return found
    if isinstance(obj, (list, tuple)):
        for item in obj:
            found = _exempt_inside(item)
            if found:
                return found
    return None


def has_markup(value: Any) -> bool:
    """Does any text in ``value`` (plain values or a word diff) hold skjerming markup, or
    something that looks like it?"""
    if isinstance(value, str):
        return "[" in value and _MARKUP.search(value) is not None
    if isinstance(value, dict):
        return any(has_markup(k) or has_markup(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_markup(v) for v in value)
    return False


def public_text(text: str) -> str:
    """Text with its exempt spans replaced by their hjemmel; doubtful markup hides it all."""
    try:
        parts = parse_spans(text)
    except ValueError:
        return "[skjermet]"
    out = "".join(segment if hjemmel is None else f"[skjermet, {hjemmel}]" for segment, hjemmel in parts)
    return "[skjermet]" if has_markup(out) else out


def _public_labels(change: FieldChange, models: list[Any]) -> tuple[str, ...]:
    labels = list(change.labels)
    k = 0
    objs = list(models)
    path: list[Any] = []
    for part in change.loc:
        path.append(part)
        objs = [_child(o, part) if o is not None else None for o in objs]
        if isinstance(part, int) and k < len(labels):
            list_name = path[-2] if len(path) > 1 and isinstance(path[-2], str) else "element"
            secret = has_markup(labels[k]) or any(
                isinstance(o, Skjermbar) and o.skjerming is not None for o in objs)
            if secret or list_name in _NAMED_BY_TEXT and any(_exempt_inside(o) for o in objs):
                labels[k] = f"{list_name} #{part + 1}"
            k += 1
    return tuple(labels)


def public_change(change: FieldChange, old_model: Any, new_model: Any) -> FieldChange | str:
    """The change as it may be shown publicly: itself, or a line naming only its place."""
    models = [m for m in (new_model, old_model) if m is not None]
    labels = _public_labels(change, models)
    safe = replace(change, labels=labels)
    hjemmel = next((h for h in (exempt_at(m, change.loc) for m in models) if h), None)
    if hjemmel is None and (has_markup(change.old) or has_markup(change.new) or has_markup(change.words)
                            or (change.field and has_markup(change.field))):
        hjemmel = "skjermet"
    if hjemmel is None:
        return safe
    where = safe.where or "(the record)"
    why = "internal" if hjemmel == INTERNAL else ("skjermet" if hjemmel == "skjermet" else f"skjermet, {hjemmel}")
    return f"{where} {change.kind} ({why}; not shown in public output)"


def describe_public(change: FieldChange, old_model: Any, new_model: Any, style: str = "text") -> str:
    """:func:`kvk.review.semdiff.describe`, public-safe."""
    safe = public_change(change, old_model, new_model)
    if isinstance(safe, str):
        from .semdiff import md_escape

        return md_escape(safe) if style == "md" else safe
    return describe(safe, style)


def public_title(model: Any) -> str | None:
    """A case's title as a public output may show it: its offentlig_tittel when the title is
    exempt, spans replaced by their hjemmel; None when there is nothing to show."""
    if model is None:
        return None
    title = getattr(model, "tittel", None)
    if title is None:
        return None
    if isinstance(model, Skjermbar) and model.skjermet("tittel"):
        public = getattr(model, "offentlig_tittel", None)
        return public_text(str(public)) if public else None
    return public_text(str(title))
