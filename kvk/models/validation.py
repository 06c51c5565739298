"""Validate loaded records against their models; pydantic errors become kvk diagnostics that
point at the line and column of the offending key or value."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic
from ..io.yaml import Source
from .common import ALWAYS_PUBLIC, model_classes

# pydantic error type -> kvk code; anything not listed is KVK103 (invalid value)
_CODES = {
    "missing": "KVK101",
    "kvk_missing": "KVK101",
    "extra_forbidden": "KVK102",
    "kvk_date": "KVK104",
    "kvk_time": "KVK105",
    "kvk_period": "KVK106",
    "kvk_saksnr": "KVK107",
    "kvk_number": "KVK108",
    "float_parsing": "KVK108",
    "finite_number": "KVK108",
    "int_parsing": "KVK108",
    "kvk_integer": "KVK108",
    "kvk_skjerming": "KVK109",
    "kvk_skjerming_near": "KVK120",
    "kvk_skjerming_felt": "KVK109",
    "kvk_inconsistent": "KVK110",
    "kvk_meeting_id": "KVK111",
    "kvk_twice": "KVK112",
    "kvk_path_id": "KVK211",
}

_SHAPES = {
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list ('- ' lines)",
    "string_type": "text",
}


#: what a kvk type expects, for the message when a list or mapping stands where it wants text
_NOUNS = {
    "kvk_date": "a date", "kvk_time": "a time", "kvk_period": "a period", "kvk_saksnr": "a saksnr",
    "kvk_number": "a number", "kvk_integer": "a whole number", "kvk_bool": "ja or nei", "kvk_id": "an id",
    "kvk_path_id": "an id", "kvk_utvalgssaksnr": "an utvalgssaksnr",
}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return f"'{value}'"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class whose fields apply at ``loc`` (list indices are skipped)."""
    current: type[BaseModel] | None = model
    keyed = False  # the last field maps keys to models (presentasjon.fraser.nb, profiler.<name>)
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        if keyed:
            keyed = False
            continue
        field = current.model_fields.get(part)
        if field is None:
            field = next((f for f in current.model_fields.values() if f.alias == part), None)
        if field is None:
            return None
        candidates = model_classes(field.annotation)
        current = candidates[0] if candidates else None
        keyed = _maps_keys(field.annotation)
    return current


def _maps_keys(annotation: Any) -> bool:
    """Is ``annotation`` (or the one in its Optional) a dict?"""
    import typing

    if typing.get_origin(annotation) is dict:
        return True
    return any(typing.get_origin(a) is dict for a in typing.get_args(annotation))


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _clean_loc(loc: tuple, source: Source) -> tuple:
    """Drop the union-member and validator names pydantic puts into locations."""
    out: list = []
    for part in loc:
        if isinstance(part, str) and "[" in part:  # e.g. 'function-after[...]', 'literal[...]'
            continue
        if isinstance(part, str) and part and part[0].isupper():
            parent = source.get(tuple(out))
            if not (isinstance(parent, dict) and part in parent):  # a key the user wrote stays
                continue  # a model class name from a union
        out.append(part)
    return tuple(out)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _why(err: dict) -> dict:
    """For a value pydantic-core refused by itself (numbers, ids), kvk's own parser says why,
    in kvk's words; the error keeps pydantic's place."""
    from pydantic_core import PydanticCustomError

    from .common import SLUG_PATTERN, parse_int, parse_number, parse_slug

    kind, value = err["type"], err.get("input")
    if kind == "string_pattern_mismatch" and (err.get("ctx") or {}).get("pattern") == SLUG_PATTERN:
        parser = parse_slug
    elif kind in ("float_parsing", "finite_number"):
        parser = parse_number
    elif kind == "int_parsing":
        parser = parse_int
    else:
        return err
    try:
        parser(value)
    except PydanticCustomError as why:
        return dict(err, type=why.type, msg=why.message(), ctx=why.context or {})
    # kvk's parser would have read it (e.g. '7 262'): records hold plain numbers
    return dict(err, type="kvk_number", msg=f"'{value}': write the number without spaces",
                ctx={"value": value})


def to_diagnostic(err: dict, source: Source, model: type[BaseModel]) -> Diagnostic:
    err = _why(err)
    ctx = err.get("ctx") or {}
    loc = _clean_loc(tuple(err["loc"]) + tuple(ctx.get("loc", ())), source)
    kind = err["type"]
    code = _CODES.get(kind, "KVK103")
    where = _dotted(loc)
    hint = None
    if kind == "extra_forbidden":
        line, col = source.locate(loc, key=True)
        name = loc[-1]
        parent = _model_at(model, loc[:-1])
        message = f"unknown field '{name}'"
        if isinstance(name, str) and name.isdigit():
            # 'verdi: 9,0' inside { } is split by YAML into 'verdi: 9' and a key '0'
            hint = "inside { } a comma separates fields: write decimals with a dot (9.0)"
        elif parent is not None:
            close = difflib.get_close_matches(str(name), _field_names(parent), n=1, cutoff=0.6)
            if close:
                message += f" (did you mean '{close[0]}'?)"
                hint = ""
            else:
                hint = "fields here: " + ", ".join(_field_names(parent))
        return Diagnostic.make(code, source.path, line, col, message, hint)
    if kind in ("missing", "kvk_missing"):
        line, col = source.locate(loc[:-1] if kind == "missing" else loc)
        if kind == "missing":
            message = f"missing required field '{where}'"
        else:
            message = f"{err['msg']} ({where})" if where else err["msg"]
        return Diagnostic.make(code, source.path, line, col, message)
    if kind in ("kvk_skjerming", "kvk_skjerming_near") and "offset" in ctx:
        line, col = source.locate_in_text(loc, ctx["offset"])
        return Diagnostic.make(code, source.path, line, col, f"{where}: {err['msg']}", ctx.get("hint"))
    line, col = source.locate(loc)
    value = source.get(loc)
    if kind == "literal_error" and loc and isinstance(loc[-1], int) and isinstance(source.get(loc[:-1]), str):
        value = err.get("input")  # a list written as its single entry ('oppmoete: moet'): the entry itself
    if kind == "kvk_skjerming_felt":
        # the catalogue's hint is about [[skjermet]] text markup; here the user needs field names
        owner = _model_at(model, loc[:-3])  # loc is (..., "skjerming", "felt", i)
        public = ALWAYS_PUBLIC.get(owner.__name__, ()) if owner is not None else ()
        names = [n for n in _field_names(owner) if n != "skjerming" and n not in public] if owner is not None else []
        hint = "fields here: " + ", ".join(names) if names else None
        return Diagnostic.make(code, source.path, line, col, f"{where}: {err['msg']}", hint)
    if kind in _NOUNS and isinstance(value, (dict, list)):
        message = f"{where}: expected {_NOUNS[kind]}, got {_describe(value)}"
    elif kind in _SHAPES:
        message = f"{where}: expected {_SHAPES[kind]}, got {_describe(value)}"
    elif kind == "literal_error":
        expected = ctx.get("expected", "")
        message = f"{where}: {_describe(value)} is not allowed; expected {expected}"
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
    elif kind.startswith("kvk_") or kind in ("float_parsing", "int_parsing"):
        message = f"{where}: {err['msg']}" if where else err["msg"]
    else:
        message = f"{where}: {err['msg'][0].lower() + err['msg'][1:]}, got {_describe(value)}"
    if kind == "kvk_integer":
        hint = "write a whole number, e.g. 4"  # the catalogue's hint is about decimal commas
    return Diagnostic.make(code, source.path, line, col, message, hint)


def validate(model: type[BaseModel], source: Source) -> tuple[BaseModel | None, list[Diagnostic]]:
    """The record's model, or None and a diagnostic for every problem in it."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    folded = _fold_choices(source, errors)
    if folded is not None:
        try:
            return model.model_validate(folded), []
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, sorted({to_diagnostic(e, source, model) for e in errors})


def _fold_choices(source: Source, errors: list[dict]) -> dict | None:
    """The record with every choice the model refused written the canonical way ('Forslag til
    vedtak' -> forslag_til_vedtak), or None when folding changes nothing."""
    import copy

    from .common import fold

    fixes = [(_clean_loc(tuple(e["loc"]), source), fold(e["input"])) for e in errors
             if e["type"] == "literal_error" and isinstance(e["input"], str) and fold(e["input"]) != e["input"]]
    if not fixes:
        return None
    data = copy.deepcopy(source.data)
    for loc, value in fixes:
        _set_at(data, loc, value)
    return data


def _set_at(data: Any, loc: tuple, value: Any) -> None:
    """Write ``value`` where pydantic's ``loc`` points. A list written as its single entry (one
    votering as a mapping) has no index 0 in the file: that step is skipped."""
    parent = data
    for part in loc[:-1]:
        if isinstance(part, int) and not isinstance(parent, list):
            continue
        parent = parent[part]
    parent[loc[-1]] = value
