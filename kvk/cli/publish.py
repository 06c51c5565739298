"""kvk export and kvk site: publishing for the public (eInnsyn, open data, calendars, a site)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _, ngettext

from .app import RepoOption, app, handle_errors, open_repo


class What(str, Enum):
    fiks = "fiks"
    popolo = "popolo"
    kalender = "kalender"
    alt = "alt"


class Format(str, Enum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text (default) or json: what was written.")]
FolderOption = Annotated[Path, typer.Option("--output", "-o", metavar="FOLDER", file_okay=False,
                                             help="The folder to write; replaced whole if kvk wrote it before.")]


def _report(result, format: Format) -> None:
    if format is Format.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    print(_("wrote {folder}: {written} written, {unchanged} unchanged, {removed} removed").format(
        folder=result.folder, written=ngettext("{n} file", "{n} files", len(result.written)).format(
            n=len(result.written)), unchanged=len(result.unchanged), removed=len(result.removed)))
    for mid in result.drafts:
        print("  " + _("left out: the minutes of {meeting} are a draft (utkast)").format(meeting=mid))


@app.command("export")
@handle_errors
def export(
    what: Annotated[What, typer.Argument(metavar="WHAT", help="fiks, popolo, kalender or alt (all three).")],
    output: FolderOption,
    format: FormatOption = Format.text,
    repo: RepoOption = None,
) -> None:
    """Export the public records for machines: KS Fiks eInnsyn messages, Popolo open data,
    iCalendar and Atom feeds.

    fiks writes the three KS Fiks Politisk behandling messages for eInnsyn (møteplan,
    utvalgssaker, vedtak), each validated against the published JSON Schemas; they need
    organisasjonsnummer and kommunenummer in kvk.yaml. Only public content is written; draft
    minutes (utkast) are left out. Exit 0 written, 1 the repository has errors (nothing is
    written), 2 a missing sender number or an output folder kvk did not write.

    Example:

        kvk export fiks -o ut/fiks

        kvk export alt -o ut/data --format json
    """
    from ..publish.export import export as run

    _report(run(open_repo(repo), what.value, output), format)


@app.command("site")
@handle_errors
def site(
    output: FolderOption,
    format: FormatOption = Format.text,
    repo: RepoOption = None,
) -> None:
    """Build the public innsyn site: bodies, a meeting calendar, innkalling and protokoll of each
    meeting, each case with its saksgang and vedtak, how each party voted, the scorecard, search.

    The site works from file:// and from any static web server; its language is kvk.yaml's
    målform. It is built in a temporary folder and moved into place, so a failed build leaves
    the previous site as it was; a rebuild leaves every page that did not change untouched.
    Exit 0 built, 1 the repository has errors (nothing is published), 2 an output folder kvk
    did not write.

    Example:

        kvk site -o ut/innsyn

        kvk site -o /var/www/innsyn --format json
    """
    from ..publish.site import build

    _report(build(open_repo(repo), output), format)
