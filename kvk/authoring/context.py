"""What authoring commands need to know about the repository, loaded as cheaply as possible."""

from __future__ import annotations

import typing
from datetime import date

from pydantic_core import PydanticCustomError

from ..diagnostics import UsageError, did_you_mean
from ..models.common import fold, parse_date, saksnr_spellings
from ..repository import Index, Scope


def mentioning_case(scope: Scope, *saksnr: str) -> Scope:
    """``scope`` narrowed to files that name one of these cases (however the number is written)."""
    return scope.containing(*(w for s in saksnr for w in saksnr_spellings(s)))


def require_person(index: Index, pid: str, option: str) -> str:
    if index.person(pid) is None:
        raise UsageError(f"{option}: unknown person '{pid}'" + did_you_mean(pid, index.people)
                         + "; people are listed in the organisation (kvk list people)")
    return pid


def require_body(index: Index, bid: str, option: str):
    body = index.body(bid)
    if body is None:
        raise UsageError(f"{option}: unknown body '{bid}'" + did_you_mean(bid, index.bodies)
                         + "; bodies are listed in the organisation (kvk list bodies)")
    return body


def parse_date_option(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except PydanticCustomError as err:
        # an option has no hint line of its own: when the form is wrong, say how to write it
        how = "" if set(err.context or {}) - {"value"} else "; write 2009-10-30 or 30.10.2009"
        raise UsageError(f"{option}: {err.message()}{how}") from None


def parse_choice(text: str, allowed: tuple[str, ...], option: str) -> str:
    value = fold(text)
    if value not in allowed:
        raise UsageError(f"{option}: '{text}' is not one of {', '.join(allowed)}")
    return value


def literal_values(model, field: str) -> tuple[str, ...]:
    """The allowed values of a choice field, read from the model so they never drift."""
    annotation = model.model_fields[field].annotation
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
        inner = typing.get_args(arg)
        if inner and typing.get_origin(inner[0]) is typing.Literal:
            return typing.get_args(inner[0])
    raise TypeError(f"{model.__name__}.{field} is not a choice")

