"""kvk org: people, bodies, memberships and parties in data/organisasjon.yaml, without editing YAML."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import RepoOption, app, handle_errors, open_repo, person_option
from .authoring import DryRunOption, NoInput, ResultFormat, ResultFormatOption, report_change
from .prompts import Choice, Prompter, interactive, missing, values as closed_values

org_app = typer.Typer(
    help="People, bodies (utvalg), memberships and parties in the organisation's file, changed in "
         "place: comments and order stay as they are. Each command adds what is new and changes "
         "what exists; --dry-run shows the change as a diff.\n\n"
         "Example:\n\n    kvk org person kari-nordmann --navn \"Kari Nordmann\" --tittel Rådmann\n\n"
         "    kvk org member formannskapet kari-nordmann --rolle sekretaer",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
app.add_typer(org_app, name="org")


def _text(help: str, metavar: str = "TEXT"):
    return typer.Option(metavar=metavar, help=help, show_default=False)


Text = Optional[str]

RemoveOption = Annotated[bool, typer.Option("--remove", help="Take it out of the organisation's file; refused "
                                                           "while a case or meeting still names it.")]
IdArgument = Optional[str]


def _only_remove(remove: bool, values: dict) -> None:
    from ..diagnostics import option_error

    given = [k for k, v in values.items() if v is not None]
    if remove and given:
        raise option_error("KVK101", _("--remove takes no other options (given: {options})").format(
            options=", ".join("--" + k.replace("_", "-") for k in given)))


def _entry(repository, table: str, ident: str | None, values: dict, *, remove: bool, asker: Prompter,
           question: str, needed: list) -> str:
    """The id and, for a new entry, the fields it needs: asked for in a terminal when not given
    (``needed``: (field, question, parse, choices)), each answer checked as it is given."""
    from ..authoring.org import COMMANDS, Organisation, existing, parse_id

    wanted = [n for n in needed if values.get(n[0]) is None]
    if not asker.enabled or (ident is not None and (remove or not wanted)):
        if ident is None:
            raise missing("ID")
        return ident
    org = Organisation(repository)
    known = org.ids(table)
    choices = _choices(org, table)
    if remove:
        ident = asker.need(ident, "ID", question, lambda s: existing(org, table, s.strip()), choices=choices,
                           parse_given=False)
        return ident
    ident = asker.need(ident, "ID", question, lambda s: parse_id(s.strip(), COMMANDS[table]), choices=choices,
                       parse_given=False)
    if ident in known:
        return ident
    for field, ask, parse, options in wanted:
        values[field] = asker.ask(ask, parse, option="--" + field, choices=options)
    return ident


def _choices(org, table: str) -> list[Choice]:
    """The entries there are, with their names: 'kari-nordmann  Kari Nordmann'."""
    out = []
    for f in org.files:
        for entry in getattr(f.model, table):
            name = getattr(entry, "navn", None) or getattr(entry, "kortnavn", None) or ""
            out.append(Choice(entry.id, str(name)))
    return out


def _needed_text(text: str) -> str:
    from ..diagnostics import option_error

    if not text.strip():
        raise option_error("KVK101", _("an answer is needed"))
    return text.strip()


@org_app.command("person")
@handle_errors
def person(
    ident: Annotated[IdArgument, typer.Argument(
        metavar="[ID]", help="The person's id: a slug such as kari-nordmann (asked for in a terminal "
                                  "when left out).", show_default=False)] = None,
    navn: Annotated[Text, _text("Full name; needed to add a person.")] = None,
    initialer: Annotated[Text, _text("Initials, as in 'Vår ref: ANWO'.")] = None,
    tittel: Annotated[Text, _text("Stilling, printed under a signature: Rådmann.")] = None,
    part: Annotated[Text, _text("folkevalgt, administrasjon, tillitsvalgt or annet.", "PART")] = None,
    representerer: Annotated[Text, _text("Party, union or organisation as free text: Ap, Fagforbundet.")] = None,
    parti: Annotated[Text, _text("The party's id (kvk org party).", "PARTY")] = None,
    organisasjon: Annotated[Text, _text("The id of the organisation the person comes from.", "ORG")] = None,
    epost: Annotated[Text, _text("E-mail address.")] = None,
    telefon: Annotated[Text, _text("Telephone number.")] = None,
    remove: RemoveOption = False,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a person to the organisation, or change the fields given.

    A new person needs --navn; without it an id that does not exist is refused with the closest
    one, so a typo never adds a second person. --remove takes a person out, unless a case, a
    meeting or a membership still names them. In a terminal a missing ID, and a new person's
    name, are asked for.

    Example:

        kvk org person kari-nordmann --navn "Kari Nordmann" --tittel Rådmann --part administrasjon

        kvk org person kari-nordmann --tittel Kommunedirektør

        kvk org person kari-nordman --remove
    """
    from ..authoring.org import person as record, remove as take_out

    repository = open_repo(repo)
    values = {"navn": navn, "initialer": initialer, "tittel": tittel, "part": part, "representerer": representerer,
              "parti": parti, "organisasjon": organisasjon, "epost": epost, "telefon": telefon}
    _only_remove(remove, values)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    ident = _entry(repository, "personer", ident, values, remove=remove, asker=asker,
                   question=_("The person's id (a slug such as kari-nordmann)"),
                   needed=[("navn", _("Full name (navn)"), _needed_text, ())])
    change = (take_out(repository, "personer", ident, dry_run=dry_run) if remove
              else record(repository, ident, values, dry_run=dry_run))
    report_change(repository, change, format, dry_run)


@org_app.command("body")
@handle_errors
def body(
    ident: Annotated[IdArgument, typer.Argument(
        metavar="[ID]", help="The body's id: a slug such as formannskapet (asked for in a terminal "
                                  "when left out).", show_default=False)] = None,
    navn: Annotated[Text, _text("The body's name; needed to add a body.")] = None,
    type: Annotated[Text, _text("kommunestyre, formannskap, utvalg, styringsgruppe, …; needed to add a body.",
                                "TYPE")] = None,
    kortnavn: Annotated[Text, _text("Short name.")] = None,
    organisasjon: Annotated[Text, _text("Letterhead, when it differs from kvk.yaml's.")] = None,
    genitiv: Annotated[Text, _text("The possessive the documents use: Formannskapets.")] = None,
    maalform: Annotated[Text, _text("The body's own målform: nb or nn.", "nb|nn")] = None,
    remove: RemoveOption = False,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a body (utvalg) to the organisation, or change the fields given.

    A new body needs --navn and --type. --remove takes a body out with its members, unless a
    case or a meeting still names it. In a terminal a missing ID, and a new body's name and
    type, are asked for.

    Example:

        kvk org body formannskapet --navn Formannskapet --type formannskap

        kvk org body arbeidsgruppa --remove
    """
    from ..authoring.context import parse_choice
    from ..authoring.org import BODY_TYPES, body as record, remove as take_out

    repository = open_repo(repo)
    values = {"navn": navn, "type": type, "kortnavn": kortnavn, "organisasjon": organisasjon, "genitiv": genitiv,
              "maalform": maalform}
    _only_remove(remove, values)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    ident = _entry(repository, "utvalg", ident, values, remove=remove, asker=asker,
                   question=_("The body's id (a slug such as formannskapet)"),
                   needed=[("navn", _("The body's name (navn)"), _needed_text, ()),
                           ("type", _("Its type"), lambda s: parse_choice(s, BODY_TYPES, "--type"),
                            closed_values(BODY_TYPES))])
    change = (take_out(repository, "utvalg", ident, dry_run=dry_run) if remove
              else record(repository, ident, values, dry_run=dry_run))
    report_change(repository, change, format, dry_run)


@org_app.command("member")
@handle_errors
def member(
    utvalg: Annotated[Optional[str], typer.Argument(metavar="[BODY]", help="The body's id (asked for in a terminal "
                                                    "when left out).", show_default=False)] = None,
    person: Annotated[Optional[str], typer.Argument(metavar="[PERSON]", help="The person's id (asked for in a "
                                                    "terminal when left out).", show_default=False)] = None,
    rolle: Annotated[Text, _text("leder, nestleder, ordfoerer, medlem, varamedlem, referent, sekretaer, … "
                                 "[default for a new member: medlem]", "ROLE")] = None,
    fra: Annotated[Text, _text("First day of the membership (2011-10-01 or 01.10.2011).", "DATE")] = None,
    til: Annotated[Text, _text("Last day of the membership: ends it.", "DATE")] = None,
    representerer: Annotated[Text, _text("What the person represents in this body: Hovedverneombud.")] = None,
    erstatter: Annotated[Optional[str], person_option("A permanent replacement: the member this one replaces "
                                                      "from --fra.", "--erstatter")] = None,
    ny: Annotated[bool, typer.Option("--ny", help="Add a further period of membership beside the one the person "
                                                  "has (it must not overlap).")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Take the membership out (one recorded by mistake; "
                                                        "--fra says which when there are several); refused "
                                                        "while a meeting in its period names the person: end "
                                                        "it with --til instead.")] = False,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Make a person a member of a body, or change their membership: role, period, function.

    A person who is a member already has that membership changed (--til DATE ends it); --ny
    adds a further period instead, as when a member becomes leder from a date. --remove takes
    a membership out, unless a meeting of the body in its period names the person. In a
    terminal a missing BODY or PERSON is asked for, with the bodies and people (for --remove:
    the body's members) to choose from.

    Example:

        kvk org member formannskapet ola-hansen --rolle leder --fra 2011-10-01

        kvk org member formannskapet per-berg --til 2011-09-30

        kvk org member formannskapet lise-vik --remove
    """
    from ..authoring.context import require_body, require_person
    from ..authoring.org import member as record, remove_member
    from ..repository import Scope
    from .prompts import bodies, members, people

    if remove:
        _only_remove(remove, {"rolle": rolle, "til": til, "representerer": representerer, "erstatter": erstatter,
                              "ny": ny or None})
    repository = open_repo(repo)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    if asker.enabled and (utvalg is None or person is None):
        index = repository.load_index(Scope.organisation())
        utvalg = asker.need(utvalg, "BODY", _("The body (utvalg)"), lambda s: require_body(index, s.strip(), "BODY").id,
                            choices=lambda: bodies(index), parse_given=False)
        group = members(index, index.body(utvalg)) if remove and index.body(utvalg) else people(index)
        person = asker.need(person, "PERSON", _("The person who is or becomes a member (a person's id)"),
                            lambda s: require_person(index, s.strip(), "PERSON"), choices=group, parse_given=False)
    for given, name in ((utvalg, "BODY"), (person, "PERSON")):
        if given is None:
            raise missing(name)
    if remove:
        change = remove_member(repository, utvalg, person, fra=fra, dry_run=dry_run)
    else:
        change = record(repository, utvalg, person, rolle=rolle, fra=fra, til=til, representerer=representerer,
                        erstatter=erstatter, new=ny, dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@org_app.command("party")
@handle_errors
def party(
    ident: Annotated[IdArgument, typer.Argument(
        metavar="[ID]", help="The party's id: a slug such as ap or frp (asked for in a terminal "
                                  "when left out).", show_default=False)] = None,
    kortnavn: Annotated[Text, _text("Short name as the documents print it: FrP.")] = None,
    navn: Annotated[Text, _text("Full name: Fremskrittspartiet.")] = None,
    remove: RemoveOption = False,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a party (or local list) to the organisation, or change its names.

    People name their party with kvk org person ID --parti PARTY; votes name parties by id.
    --remove takes a party out, unless a person or a vote still names it. In a terminal a
    missing ID is asked for.

    Example:

        kvk org party frp --kortnavn FrP --navn Fremskrittspartiet

        kvk org party frp --remove
    """
    from ..authoring.org import party as record, remove as take_out

    repository = open_repo(repo)
    values = {"kortnavn": kortnavn, "navn": navn}
    _only_remove(remove, values)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    ident = _entry(repository, "partier", ident, values, remove=remove, asker=asker,
                   question=_("The party's id (a slug such as frp)"), needed=[])
    change = (take_out(repository, "partier", ident, dry_run=dry_run) if remove
              else record(repository, ident, values, dry_run=dry_run))
    report_change(repository, change, format, dry_run)
