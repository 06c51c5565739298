"""kvk render-case / render-agenda / render-minutes: records into documents."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _

from .app import RepoOption, app, case_argument, fail, handle_errors, meeting_argument, open_repo


class DocFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


class Maalform(str, Enum):
    nb = "nb"
    nn = "nn"


FormatOption = Annotated[DocFormat, typer.Option("--format", "-f", help="md (default), html, pdf or docx (Word, from the repository's template).")]
MaalformOption = Annotated[Optional[Maalform], typer.Option(
    "--maalform", "-m", help="nb or nn (default: the record's, then kvk.yaml's).", show_default=False)]
PublicOption = Annotated[bool, typer.Option(
    "--public", help="The public variant: skjermet content replaced by 'Unntatt offentlighet, <hjemmel>'.")]
OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of standard output.",
    show_default=False, dir_okay=False)]


def _render(kind: str, ident: str, format: DocFormat, maalform: Maalform | None, public: bool,
            output: Path | None, repo: str | None) -> None:
    from .. import render

    if format is DocFormat.pdf and output is None:
        fail(_("PDF goes to a file: add -o FILE.pdf"))
    if format is DocFormat.docx and output is None:
        fail(_("Word goes to a file: add -o FILE.docx"))
    repository = open_repo(repo)
    options = render.Options(fmt=format.value, maalform=maalform.value if maalform else None, public=public)
    function = {"case": render.render_case, "agenda": render.render_agenda,
                "minutes": render.render_minutes}[kind]
    result = function(repository, ident, options)
    data = result if isinstance(result, bytes) else result.encode("utf-8")
    if output is None:
        sys.stdout.write(result)
        sys.stdout.flush()
        return
    from ..io.files import write_output

    write_output(output, data)
    print(_("wrote {file}").format(file=output), file=sys.stderr)


@app.command("render-case")
@handle_errors
def render_case(
    saksnr: Annotated[str, case_argument("The case number, e.g. 2008/628.")],
    format: FormatOption = DocFormat.md,
    maalform: MaalformOption = None,
    public: PublicOption = False,
    output: OutputOption = None,
    repo: RepoOption = None,
) -> None:
    """Render the saksframlegg of a case.

    The innstilling is placed as kvk.yaml's innstilling_plassering says (topp, slutt, begge).
    Exit 0 written, 2 unknown case, invalid record or template problem.

    Example:

        kvk render-case 2008/1001

        kvk render-case 2008/1001 --format html --maalform nn -o saksframlegg.html
    """
    _render("case", saksnr, format, maalform, public, output, repo)


@app.command("render-agenda")
@handle_errors
def render_agenda(
    meeting: Annotated[str, meeting_argument()],
    format: FormatOption = DocFormat.md,
    maalform: MaalformOption = None,
    public: PublicOption = False,
    output: OutputOption = None,
    repo: RepoOption = None,
) -> None:
    """Render the møteinnkalling with its sakskart: items and the cases' innstilling.

    Exit 0 written, 2 unknown meeting, invalid record or template problem.

    Example:

        kvk render-agenda 2009-10-30-styringsgruppa

        kvk render-agenda 2009-10-30-styringsgruppa --public --format pdf -o innkalling.pdf
    """
    _render("agenda", meeting, format, maalform, public, output, repo)


@app.command("render-minutes")
@handle_errors
def render_minutes(
    meeting: Annotated[str, meeting_argument()],
    format: FormatOption = DocFormat.md,
    maalform: MaalformOption = None,
    public: PublicOption = False,
    output: OutputOption = None,
    repo: RepoOption = None,
) -> None:
    """Render the referat or møteprotokoll of a meeting.

    Exit 0 written, 2 unknown meeting, invalid record or template problem.

    Example:

        kvk render-minutes 2009-10-30-styringsgruppa

        kvk render-minutes 2009-10-30-styringsgruppa --format html -o referat.html
    """
    _render("minutes", meeting, format, maalform, public, output, repo)
