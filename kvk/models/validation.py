"""Validate loaded records against their models; pydantic errors become kvk diagnostics that
point at the line and column of the offending key or value."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n import N_, _, language, ngettext
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
    "dict_type": N_("a mapping (key: value lines)"),
    "model_type": N_("a mapping (key: value lines)"),
    "model_attributes_type": N_("a mapping (key: value lines)"),
    "list_type": N_("a list ('- ' lines)"),
    "string_type": N_("text"),
}


#: what a kvk type expects, for the message when a list or mapping stands where it wants text
_NOUNS = {
    "kvk_date": N_("a date"), "kvk_time": N_("a time"), "kvk_period": N_("a period"), "kvk_saksnr": N_("a saksnr"),
    "kvk_number": N_("a number"), "kvk_integer": N_("a whole number"), "kvk_bool": N_("ja or nei"),
    "kvk_id": N_("an id"), "kvk_path_id": N_("an id"), "kvk_utvalgssaksnr": N_("an utvalgssaksnr"),
}

#: pydantic's own messages, by error type, in kvk's catalogues: the English msgid is pydantic's
#: message as kvk shows it (first letter in lower case), its placeholders those of the error's
#: context. A type not listed here is shown in pydantic's words in English, and as
#: "invalid value" in every other language: pydantic's English never reaches a Norwegian user.
_PYDANTIC = {
    "greater_than": N_("input should be greater than {gt}"),
    "greater_than_equal": N_("input should be greater than or equal to {ge}"),
    "less_than": N_("input should be less than {lt}"),
    "less_than_equal": N_("input should be less than or equal to {le}"),
    "multiple_of": N_("input should be a multiple of {multiple_of}"),
    "finite_number": N_("input should be a finite number"),
    "string_pattern_mismatch": N_("string should match pattern '{pattern}'"),
    "bool_type": N_("input should be a valid boolean"),
    "bool_parsing": N_("input should be a valid boolean, unable to interpret input"),
    "int_type": N_("input should be a valid integer"),
    "int_from_float": N_("input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("input should be a valid number"),
    "date_type": N_("input should be a valid date"),
    "time_type": N_("input should be a valid time"),
    "none_required": N_("input should be None"),
    "enum": N_("input should be {expected}"),
    "value_error": N_("value error, {error}"),
    "assertion_error": N_("assertion failed, {error}"),
}


def _pydantic_counts(kind: str, ctx: dict) -> str | None:
    """pydantic's messages that count (characters, list entries), in the user's language."""
    if kind == "string_too_short":
        return ngettext("string should have at least {min_length} character",
                        "string should have at least {min_length} characters", int(ctx["min_length"]))
    if kind == "string_too_long":
        return ngettext("string should have at most {max_length} character",
                        "string should have at most {max_length} characters", int(ctx["max_length"]))
    if kind == "too_short" and ctx.get("field_type", "List") == "List":
        return ngettext("list should have at least {min_length} item after validation, not {actual_length}",
                        "list should have at least {min_length} items after validation, not {actual_length}",
                        int(ctx["min_length"]))
    if kind == "too_long" and ctx.get("field_type", "List") == "List":
        return ngettext("list should have at most {max_length} item after validation, not {actual_length}",
                        "list should have at most {max_length} items after validation, not {actual_length}",
                        int(ctx["max_length"]))
    return None


def _pydantic_says(err: dict) -> str:
    """pydantic's message for ``err`` in the user's language (see :data:`_PYDANTIC`)."""
    kind, ctx = err["type"], {k: v for k, v in (err.get("ctx") or {}).items() if k != "loc"}
    try:
        if kind in _PYDANTIC:
            return _(_PYDANTIC[kind]).format(**ctx)
        counted = _pydantic_counts(kind, ctx)
        if counted is not None:
            return counted.format(**ctx)
    except (KeyError, ValueError, IndexError):  # a context this pydantic does not give
        pass
    if language() == "en":
        return err["msg"][0].lower() + err["msg"][1:]
    return _("invalid value")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("an empty value")
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


def _fields_here(names: list[str]) -> str:
    return _("fields here: {fields}").format(fields=", ".join(names))


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


#: a place in a record as findings name it: saker[1].vedtak.tekst
dotted = _dotted


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
    return dict(err, type="kvk_number", msg=_("'{value}': write the number without spaces").format(value=value),
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
        message = _("unknown field '{name}'").format(name=name)
        if isinstance(name, str) and name.isdigit():
            # 'verdi: 9,0' inside { } is split by YAML into 'verdi: 9' and a key '0'
            hint = _("inside { } a comma separates fields: write decimals with a dot (9.0)")
        elif parent is not None:
            close = did_you_mean(str(name), _field_names(parent))
            if close:
                message += close
                hint = ""
            else:
                hint = _fields_here(_field_names(parent))
        return Diagnostic.make(code, source.path, line, col, message, hint)
    if kind in ("missing", "kvk_missing"):
        line, col = source.locate(loc[:-1] if kind == "missing" else loc)
        if kind == "missing":
            message = _("missing required field '{field}'").format(field=where)
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
        hint = _fields_here(names) if names else None
        return Diagnostic.make(code, source.path, line, col, f"{where}: {err['msg']}", hint)
    if kind in _NOUNS and isinstance(value, (dict, list)):
        message = _("{field}: expected {what}, got {value}").format(field=where, what=_(_NOUNS[kind]),
                                                                    value=_describe(value))
    elif kind in _SHAPES:
        message = _("{field}: expected {what}, got {value}").format(field=where, what=_(_SHAPES[kind]),
                                                                    value=_describe(value))
    elif kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        message = _("{field}: {value} is not allowed; expected {expected}").format(
            field=where, value=_describe(value), expected=expected.replace(" or ", _(" or ")))
        message += did_you_mean(str(value), options)
    elif kind.startswith("kvk_") or kind in ("float_parsing", "int_parsing"):
        message = f"{where}: {err['msg']}" if where else err["msg"]  # kvk's own words, translated where raised
    else:
        message = _("{field}: {problem}, got {value}").format(field=where, problem=_pydantic_says(err),
                                                              value=_describe(value))
    if kind == "kvk_integer":
        hint = _("write a whole number, e.g. 4")  # the catalogue's hint is about decimal commas
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
