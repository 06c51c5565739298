"""Commands that create and change records: init, new-case, new-meeting, renumber-case, schema."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ..i18n import _
from .app import (RepoOption, app, body_option, case_argument, fail, handle_errors, meeting_argument, open_repo,
                  person_option)

NoInput = Annotated[bool, typer.Option("--no-input", help="Never prompt: fail when a required value is "
                                                          "missing (for scripts).")]


def _shown(path: Path) -> str:
    """A path as the user will want to type it: relative to where they stand, if below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _note(text: str) -> None:
    print(text, file=sys.stderr)


class ResultFormat(str, Enum):
    text = "text"
    json = "json"


#: --format for a command that writes files: text (the paths, one a line) or json (what it did)
ResultFormatOption = Annotated[ResultFormat, typer.Option(
    "--format", "-f", help="text: the paths written, one a line, notes on standard error; json: one "
                           "object saying what was done (no prompting).")]


def _json(value) -> None:
    import json

    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _rel(repository, path) -> str:
    """A path for JSON: relative to the repository's root, with forward slashes."""
    return Path(path).resolve().relative_to(repository.root.resolve()).as_posix()


class CiKind(str, Enum):
    github = "github"


@app.command()
@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Where to make the repository (default: here).",
                                           show_default=False)] = Path("."),
    organisasjon: Annotated[Optional[str], typer.Option(metavar="NAME", help="The organisation's name, for "
                                                        "letterheads.", show_default=False)] = None,
    maalform: Annotated[Optional[str], typer.Option(metavar="nb|nn", help="Default målform of documents, and the "
                                                    "language of the comments in the files written: nb or nn. "
                                                    "[default: nb]", show_default=False)] = None,
    git: Annotated[bool, typer.Option(help="Run 'git init' when the folder is not inside a git repository.")] = True,
    ci: Annotated[Optional[CiKind], typer.Option("--ci", help="Also write a CI workflow that checks "
                                                 "pull requests (see docs/ci.md).", show_default=False)] = None,
    no_input: NoInput = False,
    format: ResultFormatOption = ResultFormat.text,
) -> None:
    """Make a new, empty records repository: kvk.yaml, data/, templates/, schemas/, .gitignore
    and a .pre-commit-config.yaml that runs kvk check on every commit.

    Refuses a folder that already holds a kvk.yaml, and never overwrites a file.

    Example:

        kvk init bjugn --organisasjon "Bjugn kommune" --maalform nb

        kvk init bjugn --organisasjon "Bjugn kommune" --ci github
    """
    from ..authoring.context import parse_choice
    from ..authoring.scaffold import Settings, init_repository
    from ..i18n import file_language
    from .prompts import Prompter, interactive, values

    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    # what was given on the command line is checked by init_repository, as it always was
    name = asker.need(organisasjon, "--organisasjon", _("The organisation's name (e.g. Bjugn kommune)"),
                      parse_given=False)
    form = asker.need(maalform, "--maalform", _("Default målform of documents, nb (bokmål) or nn (nynorsk)"),
                      lambda s: parse_choice(s, ("nb", "nn"), "--maalform"), choices=values(("nb", "nn")),
                      default="nb", parse_given=False)
    # the comments are in the målform given (or answered), else in the environment's language
    explicit = maalform is not None or asker.enabled
    settings = Settings(name.strip(), form.strip().lower(), ci.value if ci else None,
                        lang=file_language(form.strip().lower() if explicit else None))
    result = init_repository(folder, settings, use_git=git)
    if format is ResultFormat.json:
        _json({"root": str(result.root), "written": list(result.written),
               "git_initialised": result.git_initialised, "git_missing": result.git_missing})
        return
    for rel in result.written:
        print(_shown(result.root / rel))
    if result.git_initialised:
        _note(_("initialised an empty git repository in {folder}").format(folder=_shown(result.root)))
    elif result.git_missing:
        _note(_("git was not found: the folder is not under version control"))
    _note(_("next: add people and bodies with kvk org person and kvk org body, then run kvk new-case"))


@app.command("new-case")
@handle_errors
def new_case(
    tittel: Annotated[Optional[str], typer.Option(metavar="TEXT", help="The case's title.",
                                                  show_default=False)] = None,
    saksbehandler: Annotated[Optional[str], person_option("Person id of the saksbehandler.")] = None,
    utvalg: Annotated[Optional[List[str]], body_option(
        "Body id of a body in the saksgang; repeat it for each body that treats the case, in order "
        "(--utvalg formannskapet --utvalg kommunestyret).")] = None,
    moetedato: Annotated[Optional[List[str]], typer.Option(
        metavar="DATE", help="Date of the body's meeting (2009-11-20 or 20.11.2009), one after each --utvalg "
                             "in the same order; the first body needs one, later ones may be left out at the "
                             "end.", show_default=False)] = None,
    innstilling_fra: Annotated[Optional[str], typer.Option(
        metavar="WHO", help="Who makes the innstilling: raadmann, ordfoerer, utvalg, …", show_default=False)] = None,
    dato: Annotated[Optional[str], typer.Option(metavar="DATE", help="The case's date; its year is the saksnr's "
                                                "year. [default: today]", show_default=False)] = None,
    innstilling: Annotated[Optional[str], typer.Option(metavar="TEXT", help="The text of the innstilling, "
                                                       "if known.", show_default=False)] = None,
    no_input: NoInput = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Create a case with the next saksnr of the year and print the path of its file.

    Every field of a case is in the new file: the required ones from the options, the others
    empty with a comment that explains them. In a terminal, missing options are asked for one
    at a time, each answer checked as it is given (Tab completes people and bodies).

    Example:

        kvk new-case --tittel "Budsjett 2010" --saksbehandler tor-langvold \\
            --utvalg bjugn-formannskapet --moetedato 2009-11-20 --innstilling-fra raadmann

        kvk new-case --tittel "Kommuneplan" --saksbehandler tor-langvold --innstilling-fra raadmann \\
            --utvalg formannskapet --moetedato 2009-11-20 --utvalg kommunestyret --moetedato 2009-12-10
    """
    from datetime import date

    from ..authoring.context import parse_choice, parse_date_option, require_body, require_person
    from ..authoring.newcase import INNSTILLING_FRA, CaseSpec
    from ..authoring.newcase import new_case as create
    from ..repository import Scope
    from .prompts import Prompter, bodies, interactive, people, values

    repository = open_repo(repo)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    when = parse_date_option(dato, "--dato") if dato else date.today()
    loaded = []

    def org():
        if not loaded:
            loaded.append(repository.load_index(Scope.organisation()))
        return loaded[0]

    def person(text: str) -> str:
        return require_person(org(), text.strip(), "--saksbehandler")

    def body(text: str) -> str:
        return require_body(org(), text.strip(), "--utvalg").id

    def day(text: str) -> date:
        return parse_date_option(text.strip(), "--moetedato")

    # asked for in the order of the file; what the options gave is checked by new_case below
    title = asker.need(tittel, "--tittel", _("Title (tittel)"), parse_given=False)
    officer = asker.need(saksbehandler, "--saksbehandler", _("Saksbehandler (a person's id)"), person,
                         choices=lambda: people(org()), parse_given=False)
    steps = _saksgang(asker, utvalg or [], moetedato or [], body, day, lambda: bodies(org()))
    fra = asker.need(innstilling_fra, "--innstilling-fra", _("Who makes the innstilling (innstilling-fra)"),
                     lambda s: parse_choice(s, INNSTILLING_FRA, "--innstilling-fra"),
                     choices=values(INNSTILLING_FRA), parse_given=False)
    spec = CaseSpec(tittel=title, saksbehandler=officer, saksgang=steps, innstilling_fra=fra, dato=when,
                    innstilling=innstilling or "")
    path = create(repository, spec)
    if format is ResultFormat.json:
        from .. import layout

        rel = _rel(repository, path)
        _json({"saksnr": layout.id_of(rel), "tittel": spec.tittel, "path": rel})
        return
    print(_shown(path))


def _saksgang(asker, given: list[str], dates: list[str], body, day, choices) -> list:
    """The bodies of the saksgang with their meeting dates: from the options (paired in order),
    else asked for: the first body and its date, then "another body?" until an empty answer."""
    from ..authoring.context import parse_date_option
    from ..authoring.newcase import Step
    from ..diagnostics import option_error

    if len(dates) > max(len(given), 1):
        raise option_error("KVK103", _("--moetedato: more dates ({dates}) than bodies in the saksgang ({bodies})").format(
            dates=len(dates), bodies=len(given)), _("give one --moetedato after each --utvalg, in the same order"))
    first = asker.need(given[0] if given else None, "--utvalg", _("The body that treats the case first (utvalg)"),
                       body, choices=choices, parse_given=False)
    first_date = asker.need(dates[0] if dates else None, "--moetedato",
                            _("Date of {body}'s meeting (møtedato)").format(body=first), day, parse_given=False)
    steps = [Step(first, parse_date_option(first_date, "--moetedato") if isinstance(first_date, str) else first_date)]
    for n, later in enumerate(given[1:], start=1):
        steps.append(Step(later, parse_date_option(dates[n], "--moetedato") if n < len(dates) else None))
    if given or not asker.enabled:
        return steps
    while True:  # the saksgang was not given: ask for more bodies
        more = asker.ask(_("Another body in the saksgang, after {body} (empty: no more)").format(
            body=steps[-1].utvalg), body, option="--utvalg", choices=choices, optional=True)
        if more is None:
            return steps
        steps.append(Step(more, asker.ask(_("Date of {body}'s meeting (empty: not known yet)").format(body=more),
                                          day, option="--moetedato", optional=True)))


@app.command("new-meeting")
@handle_errors
def new_meeting(
    utvalg: Annotated[Optional[str], body_option("Body id (asked for in a terminal when left out).")] = None,
    dato: Annotated[Optional[str], typer.Option(metavar="DATE", help="The meeting date (2009-11-20 or 20.11.2009; "
                                                "asked for in a terminal when left out).", show_default=False)] = None,
    start: Annotated[Optional[str], typer.Option(metavar="TIME", help="When it starts: 13:15 or 13.15.",
                                                 show_default=False)] = None,
    slutt: Annotated[Optional[str], typer.Option(metavar="TIME", help="When it ends.", show_default=False)] = None,
    moetested: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Where: Bjugn rådhus.",
                                                     show_default=False)] = None,
    rom: Annotated[Optional[str], typer.Option(metavar="TEXT", help="The room: Formannskapssalen.",
                                               show_default=False)] = None,
    moetenummer: Annotated[Optional[str], typer.Option(metavar="TEXT", help="The meeting's number in the "
                                                       "body's year: 7/2009.", show_default=False)] = None,
    dokumenttype: Annotated[str, typer.Option(metavar="KIND", help="innkalling, or after the meeting referat, "
                                              "moeteprotokoll, moetebok or saksprotokoll.")] = "innkalling",
    force: Annotated[bool, typer.Option("--force", help="Replace the meeting file if it exists.")] = False,
    no_input: NoInput = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Create a meeting with the body's members and every case sent to it on that date.

    The participants are the body's members; the agenda is every case whose saksgang names this
    body and date. In a terminal a missing body or date is asked for, each answer checked as it
    is given. Cases without a utvalgssaksnr get the next numbers of the body's series for the year
    (45/08 after 44/08), and the number is written into the case's saksgang; nothing else in
    the case file changes. Prints the meeting's path.

    Example:

        kvk new-meeting --utvalg bjugn-formannskapet --dato 2009-11-20

        kvk new-meeting --utvalg formannskapet --dato 2009-11-20 --start 13:15 --moetested "Bjugn rådhus"
    """
    from ..authoring.context import parse_date_option, require_body
    from ..authoring.newmeeting import meeting_details
    from ..authoring.newmeeting import new_meeting as create
    from ..repository import Scope
    from .prompts import Prompter, bodies, interactive

    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    repository = open_repo(repo) if utvalg is None and asker.enabled else None
    index = repository.load_index(Scope.organisation()) if repository is not None else None
    # what the options gave is checked where it always was (new_meeting, meeting_details)
    utvalg = asker.need(utvalg, "--utvalg", _("The body that meets (utvalg)"),
                        lambda s: require_body(index, s.strip(), "--utvalg").id,
                        choices=lambda: bodies(index), parse_given=False)
    dato = asker.need(dato, "--dato", _("Date of the meeting (2009-11-20 or 20.11.2009)"),
                      lambda s: parse_date_option(s.strip(), "--dato").isoformat(), parse_given=False)
    when = parse_date_option(dato, "--dato")
    details = meeting_details(start=start, slutt=slutt, moetested=moetested, rom=rom, moetenummer=moetenummer,
                              dokumenttype=dokumenttype)
    repository = repository or open_repo(repo)
    plan, path = create(repository, utvalg, when, force=force, details=details)
    if format is ResultFormat.json:
        _json({"id": plan.meeting_id, "path": _rel(repository, path),
               "items": [{"nr": item.nr, "saksnr": item.case.model.saksnr, "tittel": item.case.model.tittel,
                          "path": item.case.path, "numbered_now": item.new_number} for item in plan.items]})
        return
    print(_shown(path))
    for item in plan.items:
        how = _("numbered now") if item.new_number else _("already numbered")
        _note(f"  {item.nr}  {item.case.model.saksnr}  {item.case.model.tittel}  ({how})")
    if not plan.items:
        _note("  " + _("no case names this body and date in its saksgang: the agenda is empty"))


@app.command("renumber-case")
@handle_errors
def renumber_case(
    old: Annotated[str, case_argument("The saksnr to change, or the case's file when two cases share the number.",
                                      metavar="OLD")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new saksnr.", show_default=False)],
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Give a case a new saksnr, moving its file and following every reference to it.

    The file is moved with git mv when git tracks it; saksnr, agenda items (sak), arkivsak and
    indicator claims (paastander[].sak) are changed, and nothing else in those files. Typical after a merge where two branches took the same number (kvk check: KVK203).

    Example:

        kvk renumber-case 2009/17 2009/18

        kvk renumber-case data/saker/2009/2009-0017-budsjett-2010.yaml 2009/18
    """
    from ..authoring.renumber import renumber_case as renumber

    repository = open_repo(repo)
    plan = renumber(repository, old, new)
    if format is ResultFormat.json:
        _json({"old": plan.old, "new": plan.new, "old_path": plan.old_path, "new_path": plan.new_path,
               "references": list(plan.references), "left": list(plan.left)})
        return
    print(_shown(repository.root / plan.new_path))
    _note(_("{old} -> {new}: moved {old_path} to {new_path}").format(
        old=plan.old, new=plan.new, old_path=plan.old_path, new_path=plan.new_path))
    for where in plan.references:
        _note("  " + _("updated reference at {where}").format(where=where))
    for where in plan.left:
        _note("  " + _("left unchanged (it may mean the other case {saksnr}): {where}").format(saksnr=plan.old,
                                                                                            where=where))


@app.command("number-agenda")
@handle_errors
def number_agenda(
    meeting: Annotated[str, meeting_argument()],
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Write each agenda item's number into the saksgang of its case (utvalgssaksnr).

    The meeting is the printed agenda, so its numbers are kept and the cases follow. For a
    half-done new-meeting, a hand edit or a merge that left them apart (kvk check: KVK217).
    Only the utvalgssaksnr values change; nothing else in the case files.

    Example:

        kvk number-agenda 2009-11-20-formannskapet
    """
    from ..authoring.agenda import number_agenda as number

    repository = open_repo(repo)
    plan = number(repository, meeting)
    if format is ResultFormat.json:
        _json({"meeting": plan.meeting_id,
               "changes": [{"path": path, "saksnr": saksnr, "old": old, "new": new}
                           for path, saksnr, old, new in plan.changes],
               "skipped": list(plan.skipped)})
        return
    for path, saksnr, old, new in plan.changes:
        print(_shown(repository.root / path))
        _note(f"  {saksnr}: utvalgssaksnr " + (old or _("(none)")) + f" -> {new}")
    for why in plan.skipped:
        _note("  " + _("left alone: {why}").format(why=why))
    if not plan.changes:
        _note(_("the cases of {meeting} already carry its item numbers").format(meeting=meeting))


@app.command()
@handle_errors
def recover(
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Finish what an interrupted writing command left half done.

    A change to several files (new-meeting, renumber-case, number-agenda) that was killed half
    way is finished (kvk check: KVK018), a write lock left by a command that no longer runs is
    removed, and temporary files left by interrupted writes are deleted. On a repository that
    needs nothing, nothing is done.

    Example:

        kvk recover
    """
    from ..authoring.recover import recover as finish

    repository = open_repo(repo)
    done = finish(repository)
    if format is ResultFormat.json:
        _json({"done": done})
        return
    for line in done:
        print(line)
    if not done:
        _note(_("nothing to recover: no interrupted change, no lock left behind"))


@app.command()
@handle_errors
def schema(
    kind: Annotated[Optional[str], typer.Argument(metavar="KIND", help="Print only this kind's schema to standard "
                                                  "output: sak, moete, organisasjon, indikatorer or kvk.",
                                                  show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option(metavar="FOLDER", help="Folder to write the schemas to "
                                                "[default: schemas/ in the repository].",
                                                show_default=False)] = None,
    format: Annotated[ResultFormat, typer.Option(
        "--format", "-f", help="text: the paths written; json: {\"written\": [...]}. With KIND the schema "
                               "itself is printed, which is JSON either way.")] = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Write a JSON Schema for every record kind, generated from kvk's models.

    Editors with the YAML language server (VS Code and others) use them to complete and check
    fields as you type; records written by kvk point at them in their first line.

    Example:

        kvk schema

        kvk schema sak > sak.schema.json
    """
    from ..models.schema import KINDS, render, write_schemas

    if kind is not None:
        if kind not in KINDS:
            fail(_("unknown record kind '{kind}' (one of: {kinds})").format(kind=kind, kinds=", ".join(KINDS)))
        sys.stdout.write(render(kind))
        return
    if out is None:
        repository = open_repo(repo)
        folder, root = repository.root / "schemas", repository.root
    else:
        folder, root = out.resolve(), None
    written = write_schemas(folder, root)
    if format is ResultFormat.json:
        _json({"folder": str(folder), "written": [str(p) if root is None else _rel(repository, p) for p in written]})
        return
    for path in written:
        print(_shown(path))


# --- what the recording commands (kvk org, kvk meeting) share ----------------------------------

DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Show the change as a unified diff on standard "
                                                              "output and write nothing.")]


def report_change(repository, change, format: "ResultFormat", dry_run: bool) -> None:
    """What a recording command did: the paths it wrote (standard output) and, one a line,
    what changed (standard error); with --dry-run the diff instead; with json one object."""
    if format is ResultFormat.json:
        _json(change.to_json(dry_run))
        return
    if dry_run:
        sys.stdout.write(change.diff())
        for line in change.done:
            _note(_("would: {change}").format(change=line))
        _note(_("dry run: nothing was written"))
        return
    for edit in change.changed:
        print(_shown(repository.root / edit.rel))
    for line in change.done:
        _note(f"  {line}")
