"""kvk org: people, bodies, memberships and parties in data/organisasjon.yaml, without editing YAML."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..i18n import _
from .app import RepoOption, app, handle_errors, open_repo, person_option
from .authoring import DryRunOption, NoInput, ResultFormat, ResultFormatOption, report_change
from .prompts import missing

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


@org_app.command("person")
@handle_errors
def person(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The person's id: a slug such as kari-nordmann.",
                                         show_default=False)],
    navn: Annotated[Text, _text("Full name; needed to add a person.")] = None,
    initialer: Annotated[Text, _text("Initials, as in 'Vår ref: ANWO'.")] = None,
    tittel: Annotated[Text, _text("Stilling, printed under a signature: Rådmann.")] = None,
    part: Annotated[Text, _text("folkevalgt, administrasjon, tillitsvalgt or annet.", "PART")] = None,
    representerer: Annotated[Text, _text("Party, union or organisation as free text: Ap, Fagforbundet.")] = None,
    parti: Annotated[Text, _text("The party's id (kvk org party).", "PARTY")] = None,
    organisasjon: Annotated[Text, _text("The id of the organisation the person comes from.", "ORG")] = None,
    epost: Annotated[Text, _text("E-mail address.")] = None,
    telefon: Annotated[Text, _text("Telephone number.")] = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a person to the organisation, or change the fields given.

    A new person needs --navn; without it an id that does not exist is refused with the closest
    one, so a typo never adds a second person.

    Example:

        kvk org person kari-nordmann --navn "Kari Nordmann" --tittel Rådmann --part administrasjon

        kvk org person kari-nordmann --tittel Kommunedirektør
    """
    from ..authoring.org import person as record

    repository = open_repo(repo)
    values = {"navn": navn, "initialer": initialer, "tittel": tittel, "part": part, "representerer": representerer,
              "parti": parti, "organisasjon": organisasjon, "epost": epost, "telefon": telefon}
    report_change(repository, record(repository, ident, values, dry_run=dry_run), format, dry_run)


@org_app.command("body")
@handle_errors
def body(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The body's id: a slug such as formannskapet.",
                                         show_default=False)],
    navn: Annotated[Text, _text("The body's name; needed to add a body.")] = None,
    type: Annotated[Text, _text("kommunestyre, formannskap, utvalg, styringsgruppe, …; needed to add a body.",
                                "TYPE")] = None,
    kortnavn: Annotated[Text, _text("Short name.")] = None,
    organisasjon: Annotated[Text, _text("Letterhead, when it differs from kvk.yaml's.")] = None,
    genitiv: Annotated[Text, _text("The possessive the documents use: Formannskapets.")] = None,
    maalform: Annotated[Text, _text("The body's own målform: nb or nn.", "nb|nn")] = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a body (utvalg) to the organisation, or change the fields given.

    A new body needs --navn and --type.

    Example:

        kvk org body formannskapet --navn Formannskapet --type formannskap
    """
    from ..authoring.org import body as record

    repository = open_repo(repo)
    values = {"navn": navn, "type": type, "kortnavn": kortnavn, "organisasjon": organisasjon, "genitiv": genitiv,
              "maalform": maalform}
    report_change(repository, record(repository, ident, values, dry_run=dry_run), format, dry_run)


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
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Make a person a member of a body, or change their membership: role, period, function.

    A person who is a member already has that membership changed (--til DATE ends it); --ny
    adds a further period instead, as when a member becomes leder from a date. In a terminal a
    missing BODY or PERSON is asked for, with the bodies and people to choose from.

    Example:

        kvk org member formannskapet ola-hansen --rolle leder --fra 2011-10-01

        kvk org member formannskapet per-berg --til 2011-09-30
    """
    from ..authoring.context import require_body, require_person
    from ..authoring.org import member as record
    from ..repository import Scope
    from .prompts import Prompter, bodies, interactive, people

    repository = open_repo(repo)
    asker = Prompter(interactive(no_input or format is ResultFormat.json))
    if asker.enabled and (utvalg is None or person is None):
        index = repository.load_index(Scope.organisation())
        utvalg = asker.need(utvalg, "BODY", _("The body (utvalg)"), lambda s: require_body(index, s.strip(), "BODY").id,
                            choices=lambda: bodies(index), parse_given=False)
        person = asker.need(person, "PERSON", _("The person who is or becomes a member (a person's id)"),
                            lambda s: require_person(index, s.strip(), "PERSON"), choices=lambda: people(index),
                            parse_given=False)
    for given, name in ((utvalg, "BODY"), (person, "PERSON")):
        if given is None:
            raise missing(name)
    change = record(repository, utvalg, person, rolle=rolle, fra=fra, til=til, representerer=representerer,
                    erstatter=erstatter, new=ny, dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@org_app.command("party")
@handle_errors
def party(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The party's id: a slug such as ap or frp.",
                                         show_default=False)],
    kortnavn: Annotated[Text, _text("Short name as the documents print it: FrP.")] = None,
    navn: Annotated[Text, _text("Full name: Fremskrittspartiet.")] = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Add a party (or local list) to the organisation, or change its names.

    People name their party with kvk org person ID --parti PARTY; votes name parties by id.

    Example:

        kvk org party frp --kortnavn FrP --navn Fremskrittspartiet
    """
    from ..authoring.org import party as record

    repository = open_repo(repo)
    values = {"kortnavn": kortnavn, "navn": navn}
    report_change(repository, record(repository, ident, values, dry_run=dry_run), format, dry_run)
