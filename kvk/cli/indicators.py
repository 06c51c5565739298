"""kvk check-indicators and kvk render-scorecard: the programme's goals as a scorecard."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, List, Optional

import typer

from ..i18n import _, ngettext

from .app import RepoOption, app, fail, handle_errors, open_repo, progress

#: exit code when the data are valid but a goal is red (--fail-on-red)
EXIT_RED = 3


class IndicatorFormat(str, Enum):
    text = "text"
    json = "json"


class ScorecardFormat(str, Enum):
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    """--select/--ignore take codes or prefixes (KVK42 = KVK420-429), repeated or comma-separated."""
    from ..diagnostics import CODES

    out = [v.strip().upper() for value in values or [] for v in value.split(",") if v.strip()]
    for code in out:
        if not any(known.startswith(code) for known in CODES):
            fail(_("unknown diagnostic code '{code}' (codes look like KVK404; see docs/indicators.md)").format(
                code=code))
    return out


def _report(repo, ids, as_of, select=None, ignore=None):
    from ..indicators.report import load_report, parse_as_of

    repository = open_repo(repo)
    when = parse_as_of(as_of) if as_of else None
    with progress(_("reading indicators")) as shown:
        return repository, load_report(repository, ids or None, when, select, ignore, progress=shown)


def _title(repository, report) -> str:
    name = repository.config.organisasjon
    when = report.book.as_of.strftime("%d.%m.%Y") if report.book.as_of else "–"
    origin = "fra --as-of" if report.book.as_of_origin == "--as-of" else "siste målte periode"
    return f"Styringskort – {name} – per {when} ({origin})"


def _print_text(repository, report) -> None:
    from rich.console import Console

    from .scorecard_table import claims_table, scorecard

    for finding in report.findings:
        print(finding.format())
    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    console = Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False)
    parts = [scorecard(report.rows, _title(repository, report), console.width),
             claims_table(report.claims, console.width)]
    with console.capture() as captured:
        for part in parts:
            if part is not None:
                console.print()
                console.print(part)
    # rich pads every line to the full width; trailing blanks only make diffs and pastes noisy
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _exit_code(report, strict: bool, fail_on_red: bool) -> int:
    from ..diagnostics import Severity

    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    if errors or (strict and warnings):
        return 1
    if fail_on_red and report.red:
        return EXIT_RED
    return 0


@app.command("check-indicators")
@handle_errors
def check_indicators(
    ids: Annotated[Optional[List[str]], typer.Argument(metavar="INDICATOR", help="Indicator ids (default: all).",
                                                       show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", metavar="PERIOD|DATE",
        help="Judge the data as they stood at this period or date (2009-Q4, 2009-12-31); "
             "default: the end of the latest measured period, never today's date.",
        show_default=False)] = None,
    format: Annotated[IndicatorFormat, typer.Option("--format", "-f", help="Output format.")] = IndicatorFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as errors (exit 1).")] = False,
    fail_on_red: Annotated[bool, typer.Option(
        "--fail-on-red", help="Exit 3 when the data are valid but a goal is red.")] = False,
    plot: Annotated[Optional[str], typer.Option(
        "--plot", metavar="FOLDER", help="Write one SVG chart per indicator into this folder.",
        show_default=False)] = None,
    select: Annotated[Optional[List[str]], typer.Option(
        "--select", metavar="CODE", help="Report only these codes or prefixes (KVK42 = KVK420-429); repeat "
                                         "it or separate with commas.", show_default=False)] = None,
    ignore: Annotated[Optional[List[str]], typer.Option(
        "--ignore", metavar="CODE", help="Do not report these codes or prefixes.", show_default=False)] = None,
    repo: RepoOption = None,
) -> None:
    """Check every indicator and its measurements, then print the scorecard (styringskort).

    Findings are compiler lines (path:line:col: severity CODE message) on standard output,
    followed by the scorecard; the summary goes to standard error. Exit 0 valid, 1 errors (and
    warnings with --strict), 2 usage or I/O problem, 3 with --fail-on-red when the data are
    valid but a goal is red.

    Example:

        kvk check-indicators

        kvk check-indicators demo-sykefravaer-pro --as-of 2008-Q4 --format json

        kvk check-indicators --plot out/charts --fail-on-red
    """
    from ..diagnostics import Severity

    repository, report = _report(repo, ids, as_of, _codes(select), _codes(ignore))
    if plot:
        from ..diagnostics import WriteError
        from ..render.charts import write_charts

        try:
            report.plots = write_charts(report, plot)
        except WriteError as err:
            raise err.with_message(_("--plot {folder}: cannot create the folder ({reason})").format(
                folder=plot, reason=err)) from None
    if format is IndicatorFormat.json:
        from ..indicators.report import to_json

        json.dump(to_json(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(repository, report)
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    # TRANSLATORS: the summary of kvk check-indicators, e.g. "3 indicators in 2 files: 0 errors, …"
    print(_("{indicators} in {files}: {errors}, {warnings}, {infos}, {red}").format(
        indicators=ngettext("{n} indicator", "{n} indicators", len(report.rows)).format(n=len(report.rows)),
        files=ngettext("{n} file", "{n} files", report.files).format(n=report.files),
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        infos=_("{n} info").format(n=infos), red=_("{n} red").format(n=len(report.red))), file=sys.stderr)
    if report.plots:
        print(ngettext("wrote {n} chart to {folder}", "wrote {n} charts to {folder}", len(report.plots)).format(
            n=len(report.plots), folder=plot), file=sys.stderr)
    raise typer.Exit(_exit_code(report, strict, fail_on_red))


@app.command("render-scorecard")
@handle_errors
def render_scorecard(
    ids: Annotated[Optional[List[str]], typer.Argument(metavar="INDICATOR", help="Indicator ids (default: all).",
                                                       show_default=False)] = None,
    format: Annotated[ScorecardFormat, typer.Option("--format", "-f", help="Output format.")] = ScorecardFormat.html,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (default: standard output).",
        show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", metavar="PERIOD|DATE", help="As for check-indicators.", show_default=False)] = None,
    public: Annotated[bool, typer.Option(
        "--public", help="The published variant for politicians: no findings, file paths or KVK codes.")] = False,
    repo: RepoOption = None,
) -> None:
    """Render the scorecard with its findings and charts as one self-contained HTML page.

    The page has no external links: charts are inline SVG, styles inline. Errors in the data
    do not stop the page (they are listed in it); exit 2 on usage or I/O problems only.

    Example:

        kvk render-scorecard --format html -o styringskort.html
    """
    from ..render.scorecard import render

    repository, report = _report(repo, ids, as_of)
    page = render(report, _title(repository, report), repository.root, repository.config.maalform, public)
    if output:
        from ..io.files import write_output

        write_output(output, page.encode("utf-8"))
        print(_("wrote {file}").format(file=output), file=sys.stderr)
    else:
        sys.stdout.write(page)
