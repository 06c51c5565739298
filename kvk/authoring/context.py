"""What authoring commands need to know about the repository, loaded as cheaply as possible."""

from __future__ import annotations

import typing
from datetime import date, time

from pydantic_core import PydanticCustomError

from ..diagnostics import did_you_mean, option_error
from ..i18n import _
from ..models.common import fold, parse_date, parse_time, saksnr_spellings
from ..repository import Index, Scope


def mentioning_case(scope: Scope, *saksnr: str) -> Scope:
    """``scope`` narrowed to files that name one of these cases (however the number is written)."""
    return scope.containing(*(w for s in saksnr for w in saksnr_spellings(s)))


def claimed_by(records) -> str:
    """The files of records that claim one id, for a message: 'a.yaml and b.yaml'."""
    return _(" and ").join(r.path for r in records)


def require_person(index: Index, pid: str, option: str) -> str:
    if index.person(pid) is None:
        raise option_error("KVK201", _("{option}: unknown person '{id}'").format(option=option, id=pid)
                           + did_you_mean(pid, index.people),
                           _("add the person with 'kvk org person ID --navn NAME'; 'kvk list people' lists them"))
    return pid


def require_body(index: Index, bid: str, option: str):
    body = index.body(bid)
    if body is None:
        raise option_error("KVK202", _("{option}: unknown body '{id}'").format(option=option, id=bid)
                           + did_you_mean(bid, index.bodies),
                           _("add the body with 'kvk org body ID --navn NAME --type TYPE'; 'kvk list bodies' lists them"))
    return body


def parse_date_option(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except PydanticCustomError as err:
        # when the form is right but the day is not (30.02.2009), the message says it all
        how = None if set(err.context or {}) - {"value"} else ""
        raise option_error("KVK104", f"{option}: {said(err)}", "" if how is None else None) from None


def parse_time_option(text: str, option: str) -> time:
    try:
        return parse_time(text)
    except PydanticCustomError as err:
        raise option_error("KVK105", f"{option}: {said(err)}") from None


def said(err: PydanticCustomError) -> str:
    """A parser's message in the user's language (its template is marked in kvk.models.common)."""
    return _(err.message_template).format(**(err.context or {}))


def parse_choice(text: str, allowed: tuple[str, ...], option: str) -> str:
    value = fold(text)
    if value not in allowed:
        close = did_you_mean(value, allowed)
        raise option_error("KVK103", _("{option}: '{value}' is not one of {allowed}").format(
            option=option, value=text, allowed=", ".join(allowed)) + close)
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

