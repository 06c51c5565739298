"""What authoring commands need to know about the repository, loaded as cheaply as possible."""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

from pydantic_core import PydanticCustomError

from ..diagnostics import KvkError
from ..models.common import fold, parse_date
from ..repository import DATA, Index, Repository

ORGANISATION_FILES = ("organisasjon.yaml", "organisasjon")


def load_index(repo: Repository, *folders: str) -> Index:
    """Index of the organisation plus the records under ``data/<folder>`` for each folder. A
    record that does not load is an error here: an agenda or a number computed without it
    would be silently wrong."""
    paths = [repo.root / DATA / name for name in ORGANISATION_FILES + folders if (repo.root / DATA / name).exists()]
    loaded = repo.load(paths, jobs=None) if paths else None
    if loaded is None:
        return Index([])
    broken = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise KvkError(f"{broken[0].format()}{more}; fix it first (kvk check lists everything)")
    return Index(loaded.records)


def require_person(index: Index, pid: str, option: str) -> str:
    if index.person(pid) is None:
        raise KvkError(f"{option}: unknown person '{pid}'" + _suggest(pid, index.people)
                       + "; people are listed in data/organisasjon.yaml (kvk list people)")
    return pid


def require_body(index: Index, bid: str, option: str):
    body = index.body(bid)
    if body is None:
        raise KvkError(f"{option}: unknown body '{bid}'" + _suggest(bid, index.bodies)
                       + "; bodies are listed in data/organisasjon.yaml (kvk list bodies)")
    return body


def _suggest(value: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_date_option(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except PydanticCustomError as err:
        raise KvkError(f"{option}: {err.message()}") from None


def parse_choice(text: str, allowed: tuple[str, ...], option: str) -> str:
    value = fold(text)
    if value not in allowed:
        raise KvkError(f"{option}: '{text}' is not one of {', '.join(allowed)}")
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


def relative(repo: Repository, path: Path) -> str:
    return path.relative_to(repo.root).as_posix()
