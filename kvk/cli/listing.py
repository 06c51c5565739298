"""Commands that answer questions: list, show, actions."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from ..i18n import N_, _, ngettext
from .app import (LimitOption, NoCacheOption, NoPagerOption, RepoOption, app, body_option, emit, handle_errors,
                  open_repo, person_option, progress)


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
        if len(broken) == 1:
            text = _("{path} could not be read and is left out (kvk check tells why)").format(path=broken[0])
        else:
            text = ngettext("{path} and {n} more could not be read and are left out (kvk check tells why)",
                            "{path} and {n} more could not be read and are left out (kvk check tells why)",
                            len(broken) - 1).format(path=broken[0], n=len(broken) - 1)
        print("kvk: " + _("warning: {message}").format(message=text), file=sys.stderr)


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


def _label(field: str):
    from .labels import label

    return lambda r: label(field, r[field])


#: kind -> [(column header, cell from a row, wraps, drop)]: running text wraps; when the table
#: is too wide, the column with the highest drop number is left out first (0: always shown).
#: The headers are msgids, translated when the table is made.
COLUMNS = {
    "cases": [(N_("Case no."), lambda r: r["saksnr"], False, 0), (N_("Title"), lambda r: r["tittel"], True, 0),
              (N_("Saksbehandler"), lambda r: r["saksbehandler_navn"] or "", True, 2),
              (N_("Saksgang"), _saksgang, True, 1), (N_("Status"), _label("saksstatus"), True, 3)],
    "meetings": [(N_("Meeting"), lambda r: r["id"], False, 0), (N_("Body"), lambda r: r["utvalg_navn"] or "", True, 0),
                 (N_("Date"), lambda r: _date(r["moetedato"]), False, 0),
                 (N_("Document"), _label("dokumenttype"), True, 2), (N_("Cases"), lambda r: str(r["saker"]), False, 3),
                 (N_("Minutes"), _label("protokollstatus"), True, 1)],
    "people": [(N_("Id"), lambda r: r["id"], False, 0), (N_("Name"), lambda r: r["navn"], True, 0),
               (N_("Job title"), lambda r: r["tittel"] or "", True, 2), (N_("Part"), _label("part"), True, 3),
               (N_("Bodies"), lambda r: ", ".join(r.get("utvalg_navn") or r["utvalg"]), True, 1)],
    "bodies": [(N_("Id"), lambda r: r["id"], False, 0), (N_("Name"), lambda r: r["navn"], True, 0),
               (N_("Type"), lambda r: _label_of("utvalgstype", r["type"]), True, 1),
               (N_("Members"), lambda r: str(r["medlemmer"]), False, 2),
               (N_("Meetings"), lambda r: str(r["moeter"]), False, 3)],
}


def _label_of(field: str, value: str | None) -> str:
    from .labels import label

    return label(field, value)


def _count(n: int, kind: str) -> str:
    """"3 cases", "1 meeting": a table's title."""
    forms = {"cases": ngettext("{n} case", "{n} cases", n), "meetings": ngettext("{n} meeting", "{n} meetings", n),
             "people": ngettext("{n} person", "{n} people", n), "bodies": ngettext("{n} body", "{n} bodies", n),
             "follow-ups": ngettext("{n} follow-up", "{n} follow-ups", n)}
    return forms[kind].format(n=n)


def _table(title: str, columns, rows: list, styles: list[str] | None = None) -> str:
    import os

    from .tables import Column, render

    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    return render(title, [Column(_(header), cell, wraps, drop) for header, cell, wraps, drop in columns],
                  rows, width, styles)


def _limited(rows: list, limit: int | None) -> tuple[list, str]:
    """The first ``limit`` rows, and what to add to the title when rows were left out."""
    if not limit or len(rows) <= limit:
        return rows, ""
    return rows[:limit], _(", the first {limit} shown (--limit)").format(limit=limit)


@app.command("list")
@handle_errors
def list_(
    kind: Annotated[Kind, typer.Argument(metavar="KIND", help="What to list.")],
    aar: Annotated[Optional[int], typer.Option(metavar="YEAR", help="Only this year (cases: saksår; "
                                               "meetings: møtedato).", show_default=False)] = None,
    utvalg: Annotated[Optional[str], body_option("Only what concerns this body (its id).")] = None,
    status: Annotated[Optional[str], typer.Option(metavar="STATUS", help="Cases: saksstatus (under_behandling, "
                                                  "avsluttet, utgaar); meetings: protokollstatus (utkast, "
                                                  "godkjent).", show_default=False)] = None,
    saksbehandler: Annotated[Optional[str], person_option("Cases of this person (their id).")] = None,
    limit: LimitOption = None,
    format: FormatOption = Format.table,
    no_pager: NoPagerOption = False,
    no_cache: NoCacheOption = False,
    repo: RepoOption = None,
) -> None:
    """List cases, meetings, people or bodies as a table, or as JSON.

    On a terminal a long table goes through a pager (--no-pager, or KVK_PAGER=cat, turns it
    off) and a progress line shows while many files are read.

    Example:

        kvk list cases --aar 2008 --utvalg bjugn-formannskapet

        kvk list cases --limit 20

        kvk list meetings --format json
    """
    from ..query.listing import Filters, list_rows

    with progress(_("reading records")) as shown:
        listing = list_rows(open_repo(repo, no_cache=no_cache), kind.value,
                            Filters(aar, utvalg, status, saksbehandler), progress=shown)
    _warn_broken(listing.broken)
    found, more = _limited(listing.rows, limit)
    if format is Format.json:
        _json(found)
        return
    emit(_table(_count(len(listing.rows), kind.value) + more, COLUMNS[kind.value], found), no_pager)


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
    no_pager: NoPagerOption = False,
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
    emit(f"# {kind} {ident} ({path})\n" + "\n".join(_lines(data)) + "\n", no_pager)


@app.command()
@handle_errors
def actions(
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Judge deadlines as of this "
                                                 "date (2009-12-01 or 01.12.2009) [default: today].",
                                                 show_default=False)] = None,
    ansvarlig: Annotated[Optional[str], person_option("Only the follow-ups of this person (their id).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include follow-ups that are done (utført) or "
                                                     "dropped (utgår).")] = False,
    limit: LimitOption = None,
    format: FormatOption = Format.table,
    no_pager: NoPagerOption = False,
    repo: RepoOption = None,
) -> None:
    """List open follow-ups (oppfølging) from all minutes, overdue ones first.

    Example:

        kvk actions

        kvk actions --ansvarlig kari-nordmann --limit 10

        kvk actions --as-of 2010-01-01 --format json
    """
    from datetime import date

    from ..authoring.context import parse_date_option
    from ..diagnostics import UsageError, did_you_mean
    from ..query.actions import agenda, collect, load
    from .labels import label

    day = parse_date_option(as_of, "--as-of") if as_of else date.today()
    loaded = load(open_repo(repo))
    people = loaded.directory.people
    if ansvarlig is not None and ansvarlig not in people:
        raise UsageError(_("--ansvarlig: unknown person '{person}'").format(person=ansvarlig)
                         + did_you_mean(ansvarlig, people))
    _warn_broken(loaded.broken())
    found = [a for a in agenda(collect(loaded.index()), day, include_closed=all_)
             if ansvarlig is None or a.ansvarlig == ansvarlig]
    shown, more = _limited(found, limit)
    if format is Format.json:
        _json({"as_of": day.isoformat(), "actions": [a.to_json(day) for a in shown]})
        return
    columns = [
        (N_("Deadline"), lambda a: (a.frist.strftime("%d.%m.%Y") if a.frist else "")
         + (" " + _("overdue") if a.overdue(day) else ""), True, 0),
        (N_("Status"), lambda a: label("oppfoelging", a.status), True, 0),
        (N_("Responsible"), lambda a: a.ansvarlig_navn or "", True, 0),
        (N_("Action"), lambda a: a.tiltak, True, 0),
        (N_("Meeting"), lambda a: a.meeting, False, 0),
        (N_("Item"), lambda a: " › ".join([f"{a.item} {a.item_title}", *a.under]), True, 1),
    ]
    styles = ["bold red" if a.overdue(day) else "" for a in shown]
    emit(_table(_("{count} as of {date}").format(count=_count(len(found), "follow-ups"),
                                                 date=day.strftime("%d.%m.%Y")) + more, columns, shown,
                styles), no_pager)
