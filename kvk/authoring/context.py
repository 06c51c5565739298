"""What authoring commands need to know about the repository, loaded as cheaply as possible."""

from __future__ import annotations

import re
import typing
from datetime import date
from typing import Iterable

from pydantic_core import PydanticCustomError

from ..diagnostics import KvkError
from ..models.common import fold, parse_date
from ..repository import DATA, Index, Loaded, Repository

ORGANISATION_FILES = ("organisasjon.yaml", "organisasjon")


def mentioning(words: Iterable[str]) -> re.Pattern[bytes]:
    """Bytes that hold any of ``words`` as a whole id (not inside a longer one)."""
    alternatives = b"|".join(re.escape(w.encode("utf-8")) for w in words)
    return re.compile(rb"(?<![\w/-])(?:" + alternatives + rb")(?![\w-])")


def saksnr_pattern(saksnr: str) -> bytes:
    """A regex for a saksnr as people may write it: 2009/17, 2009/0017."""
    year, seq = saksnr.split("/")
    return re.escape(year.encode()) + rb"/0*" + seq.encode() + rb"(?!\d)"


def load_records(repo: Repository, folders: Iterable[str], pattern: re.Pattern[bytes] | None = None) -> Loaded:
    """The organisation plus the records under ``data/<folder>``; with ``pattern``, only the
    records whose bytes match it. Reading bytes costs a small fraction of parsing YAML, so a
    command that cares about one body or one case need not parse a whole archive."""
    paths = [repo.root / DATA / name for name in ORGANISATION_FILES if (repo.root / DATA / name).exists()]
    for folder in folders:
        top = repo.root / DATA / folder
        if not top.exists():
            continue
        if pattern is None:
            paths.append(top)
            continue
        for file in sorted(top.rglob("*.y*ml")):
            if file.is_symlink() or pattern.search(file.read_bytes()):
                paths.append(file)  # links: the loader decides whether they may be read
    return repo.load(paths) if paths else Loaded()


def load_index(repo: Repository, *folders: str, pattern: re.Pattern[bytes] | None = None) -> Index:
    """Index of the organisation plus the records under ``data/<folder>`` (those matching
    ``pattern``). A record that does not load is an error here: an agenda or a number
    computed without it would be silently wrong."""
    loaded = load_records(repo, folders, pattern)
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
        # an option has no hint line of its own: when the form is wrong, say how to write it
        how = "" if set(err.context or {}) - {"value"} else "; write 2009-10-30 or 30.10.2009"
        raise KvkError(f"{option}: {err.message()}{how}") from None


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

