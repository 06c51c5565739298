"""Commands that answer questions: list, show, actions."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from .app import NoCacheOption, RepoOption, app, handle_errors, open_repo


class Kind(str, Enum):
    cases = "cases"
    meetings = "meetings"
    people = "people"
    bodies = "bodies"


class Format(str, Enum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _warn_broken(broken: list[str]) -> None:
    """A listing is still useful while one record is broken, and kvk check says what is wrong."""
    if broken:
        more = f" and {len(broken) - 1} more" if len(broken) > 1 else ""
        print(f"kvk: warning: {broken[0]}{more} could not be read and {'is' if len(broken) == 1 else 'are'} "
              f"left out (kvk check tells why)", file=sys.stderr)


def _json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _saksgang(row: dict) -> str:
    parts = []
    for s in row["saksgang"]:
        text = s["utvalg_navn"] or s["utvalg"]
        if s["moetedato"]:
            text += " " + _date(s["moetedato"])
        if s["utvalgssaksnr"]:
            text += f" ({s['utvalgssaksnr']})"
        parts.append(text)
    return "\n".join(parts)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


#: columns of running text, which wrap; all others are kept whole
WRAPPED = frozenset({"Tittel", "Navn", "Saksbehandler", "Utvalg", "Saksgang", "Tiltak", "Punkt", "Ansvarlig"})
#: kind -> [(column header, cell from a row)]
COLUMNS = {
    "cases": [("Saksnr", lambda r: r["saksnr"]), ("Tittel", lambda r: r["tittel"]),
              ("Saksbehandler", lambda r: r["saksbehandler_navn"] or ""), ("Saksgang", _saksgang),
              ("Status", lambda r: r["saksstatus"] or "")],
    "meetings": [("Møte", lambda r: r["id"]), ("Utvalg", lambda r: r["utvalg_navn"] or ""),
                 ("Dato", lambda r: _date(r["moetedato"])), ("Dokument", lambda r: r["dokumenttype"]),
                 ("Saker", lambda r: str(r["saker"])), ("Protokoll", lambda r: r["protokollstatus"] or "")],
    "people": [("Id", lambda r: r["id"]), ("Navn", lambda r: r["navn"]), ("Tittel", lambda r: r["tittel"] or ""),
               ("Part", lambda r: r["part"] or ""), ("Utvalg", lambda r: ", ".join(r["utvalg"]))],
    "bodies": [("Id", lambda r: r["id"]), ("Navn", lambda r: r["navn"]), ("Type", lambda r: r["type"]),
               ("Medlemmer", lambda r: str(r["medlemmer"])), ("Møter", lambda r: str(r["moeter"]))],
}


_SINGULAR = {"cases": "case", "meetings": "meeting", "people": "person", "bodies": "body",
             "follow-ups": "follow-up"}


def _count(n: int, plural: str) -> str:
    return f"{n} {plural if n != 1 else _SINGULAR[plural]}"


def _table(title: str, columns, rows: list, styles: list[str] | None = None) -> None:
    import os

    from .tables import Column, render

    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    sys.stdout.write(render(title, [Column(header, cell, header in WRAPPED) for header, cell in columns],
                            rows, width, styles))


@app.command("list")
@handle_errors
def list_(
    kind: Annotated[Kind, typer.Argument(help="What to list.")],
    aar: Annotated[Optional[int], typer.Option(help="Only this year (cases: saksår; meetings: møtedato).",
                                               show_default=False)] = None,
    utvalg: Annotated[Optional[str], typer.Option(help="Only what concerns this body id.", show_default=False)] = None,
    status: Annotated[Optional[str], typer.Option(help="Cases: saksstatus; meetings: protokollstatus.",
                                                  show_default=False)] = None,
    saksbehandler: Annotated[Optional[str], typer.Option(help="Cases of this person id.", show_default=False)] = None,
    format: FormatOption = Format.table,
    no_cache: NoCacheOption = False,
    repo: RepoOption = None,
) -> None:
    """List cases, meetings, people or bodies as a table, or as JSON.

    Example:

        kvk list cases --aar 2008 --utvalg bjugn-formannskapet

        kvk list meetings --format json
    """
    from ..query.listing import Filters, list_rows

    listing = list_rows(open_repo(repo, no_cache=no_cache), kind.value, Filters(aar, utvalg, status, saksbehandler))
    _warn_broken(listing.broken)
    found = listing.rows
    if format is Format.json:
        _json(found)
        return
    _table(_count(len(found), kind.value), COLUMNS[kind.value], found)


def _lines(value: Any, indent: int = 0) -> list[str]:
    """A resolved record as indented 'key: value' lines, lists as '- ' items, like the YAML
    people write, but for reading: text blocks are shown as they are, without quoting."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                out.append(f"{pad}{key}:")
                out.extend(_lines(item, indent + 2))
            else:
                out.extend(_scalar(f"{pad}{key}:", item, indent + 2))
    else:
        for item in value:
            inner = _lines(item, indent + 2) if isinstance(item, (dict, list)) else _scalar("", item, indent + 2)
            if inner:
                inner[0] = f"{pad}- {inner[0].lstrip()}"
            out.extend(inner)
    return out


def _scalar(lead: str, value: Any, indent: int) -> list[str]:
    text = {True: "ja", False: "nei"}.get(value, value) if isinstance(value, bool) else value
    text = str(text).strip()
    if "\n" in text:
        return [lead.rstrip()] + [(" " * indent + line) if line else "" for line in text.splitlines()]
    return [f"{lead} {text}".lstrip() if not lead else f"{lead} {text}"]


@app.command()
@handle_errors
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A saksnr (2008/1001), meeting id "
                                                           "(2009-10-30-styringsgruppa), person id or body id.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format (table: readable text).")] = Format.table,
    repo: RepoOption = None,
) -> None:
    """Show one record with its references resolved: people's and bodies' names, not ids.

    Example:

        kvk show 2008/1001

        kvk show 2009-10-30-styringsgruppa --format json
    """
    from ..query.show import show as resolve

    kind, path, data = resolve(open_repo(repo), ident)
    if format is Format.json:
        _json({"kind": kind, "path": path, "record": data})
        return
    print(f"# {kind} {ident} ({path})")
    print("\n".join(_lines(data)))


@app.command()
@handle_errors
def actions(
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Judge deadlines as of this date "
                                                                 "[default: today].", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include follow-ups that are done (utført) or "
                                                     "dropped (utgår).")] = False,
    format: FormatOption = Format.table,
    repo: RepoOption = None,
) -> None:
    """List open follow-ups (oppfølging) from all minutes, overdue ones first.

    Example:

        kvk actions

        kvk actions --as-of 2010-01-01 --format json
    """
    from datetime import date

    from ..authoring.context import parse_date_option
    from ..query.actions import STATUS_LABELS, agenda, collect, load

    day = parse_date_option(as_of, "--as-of") if as_of else date.today()
    loaded = load(open_repo(repo))
    _warn_broken(loaded.broken())
    found = agenda(collect(loaded.index()), day, include_closed=all_)
    if format is Format.json:
        _json({"as_of": day.isoformat(), "actions": [a.to_json(day) for a in found]})
        return
    columns = [
        ("Frist", lambda a: (a.frist.strftime("%d.%m.%Y") if a.frist else "") + (" forfalt" if a.overdue(day) else "")),
        ("Status", lambda a: STATUS_LABELS[a.status]),
        ("Ansvarlig", lambda a: a.ansvarlig_navn or ""),
        ("Tiltak", lambda a: a.tiltak),
        ("Møte", lambda a: a.meeting),
        ("Punkt", lambda a: " › ".join([f"{a.item} {a.item_title}", *a.under])),
    ]
    styles = ["bold red" if a.overdue(day) else "" for a in found]
    _table(f"{_count(len(found), 'follow-ups')} as of {day.strftime('%d.%m.%Y')}", columns, found, styles)
