"""kvk meeting: what the referent records during and after a meeting, without editing YAML."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from ..i18n import _
from .app import RepoOption, app, handle_errors, meeting_argument, open_repo, person_option
from .authoring import DryRunOption, NoInput, ResultFormat, ResultFormatOption, report_change
from .prompts import Choice, Prompter, interactive, members, missing, people

meeting_app = typer.Typer(
    help="Record a meeting in its record: attendance, proposals, votes, the vedtak, the document "
         "kind, the approval of the minutes and corrections. Each change is checked as kvk check "
         "would (votes against who was present, a substitute for someone absent, quorum) before "
         "it is written; --dry-run shows it as a diff.\n\n"
         "Example:\n\n    kvk meeting attend 2009-11-20-formannskapet ola-hansen per-berg\n\n"
         "    kvk meeting vote 2009-11-20-formannskapet 1/09 --for 5 --mot 2",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None)
app.add_typer(meeting_app, name="meeting")

Text = Optional[str]


def _opt(help: str, metavar: str = "TEXT", *names: str):
    return typer.Option(*names, metavar=metavar, help=help, show_default=False)


ItemArgument = Annotated[str, typer.Argument(metavar="ITEM", help="The agenda item: its number as printed "
                                             "(1/09, PS 45/08), its id, or the saksnr it treats.",
                                             show_default=False)]
AskedItem = Annotated[Optional[str], typer.Argument(
    metavar="[ITEM]", help="The agenda item: its number as printed (1/09, PS 45/08), its id, or the saksnr it "
                           "treats; asked for in a terminal when left out.", show_default=False)]
RettelseOption = Annotated[Text, _opt("Approved minutes: why they are changed; recorded in rettelser with "
                                      "the change (needs --av).", "TEXT", "--rettelse")]
AvOption = Annotated[Text, _opt("With --rettelse: who corrects the minutes.", "WHO", "--av")]
RettelseDatoOption = Annotated[Text, _opt("With --rettelse: the day of the correction [default: today].",
                                          "DATE", "--rettelse-dato")]


def _correction(rettelse: str | None, av: str | None, dato: str | None):
    from datetime import date

    from ..authoring.context import parse_date_option
    from ..authoring.recording import Correction
    from ..diagnostics import option_error

    if rettelse is None:
        if av is not None or dato is not None:
            raise option_error("KVK101", _("--av and --rettelse-dato go with --rettelse"))
        return None
    if not av:
        raise option_error("KVK101", _("--rettelse: say who corrects the minutes with --av"))
    return Correction(rettelse, av, parse_date_option(dato, "--rettelse-dato") if dato else date.today())


# --- asking, in a terminal, for what a recording command needs ----------------------------------

class _Asking:
    """The meeting a command records into, for its questions: the items to choose from, the
    item's proposals, the members of the body. Nothing is read unless something is asked."""

    def __init__(self, repository, meeting_id: str, no_input: bool, format: ResultFormat):
        self.asker = Prompter(interactive(no_input or format is ResultFormat.json))
        self.repository = repository
        self.meeting_id = meeting_id
        self._meeting = None

    @property
    def meeting(self):
        from ..authoring.recording import Meeting

        if self._meeting is None:
            self._meeting = Meeting(self.repository, self.meeting_id)
        return self._meeting

    def item(self, given: str | None) -> str:
        if given is not None:
            return given
        if not self.asker.enabled:
            raise missing("ITEM")
        m = self.meeting
        choices = [Choice(p.ref, str(p.tittel or "")) for p in m.model.saker if p.ref]
        return self.asker.ask(_("The agenda item (its number)"), lambda s: m.model.saker[m.item(s)].ref,
                              option="ITEM", choices=choices)

    def proposals(self, ref: str) -> list[Choice]:
        from ..authoring.recording import INNSTILLINGEN

        m = self.meeting
        punkt = m.model.saker[m.item(ref)]
        return [Choice(INNSTILLINGEN, _("the innstilling")),
                *(Choice(f.id, _short(str(f.tekst))) for f in punkt.forslag if f.id)]

    def proposal(self, ref: str, question: str, option: str, *, optional: bool = False,
                 default: str | None = None) -> str | None:
        from ..authoring.recording import proposal

        m = self.meeting
        pos = m.item(ref)
        return self.asker.ask(question, lambda s: proposal(m, pos, s, option), option=option,
                              choices=self.proposals(ref), optional=optional, default=default)

    def person(self, question: str, option: str) -> str | None:
        """Someone of the organisation (the body's members offered first); empty: no one."""
        from .. import layout
        from ..authoring.context import require_person
        from ..repository import Scope

        index = self.repository.load_index(Scope.organisation())
        body = index.body(layout.meeting_body(self.meeting_id) or "")
        choices = members(index, body) if body is not None and body.medlemmer else people(index)
        return self.asker.ask(question, lambda s: require_person(index, s.strip(), option), option=option,
                              choices=choices, optional=True)


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "…"


def _text_answer(option: str):
    from ..diagnostics import option_error

    def parse(text: str) -> str:
        if not text.strip():
            raise option_error("KVK101", _("{option}: an answer is needed").format(option=option))
        return text.strip()
    return parse


def _count(option: str):
    from ..diagnostics import option_error

    def parse(text: str) -> int:
        if not text.strip().isdigit():
            raise option_error("KVK103", _("{option}: '{value}' is not a number of votes").format(
                option=option, value=text.strip()), _("write a whole number: 0, 5, 12"))
        return int(text)
    return parse


def _for_or_unanimous(text: str):
    """'enstemmig' (or 'e'), or the number of votes for."""
    from ..models.common import fold

    if fold(text.strip()) in ("enstemmig", "e"):
        return "enstemmig"
    return _count("--for")(text)


@meeting_app.command("attend")
@handle_errors
def attend(
    meeting: Annotated[str, meeting_argument()],
    persons: Annotated[Optional[List[str]], typer.Argument(
        metavar="[PERSON]...", help="Who: person ids (asked for in a terminal when left out, among the body's "
                                    "members).", show_default=False)] = None,
    oppmoete: Annotated[Text, _opt("moett (the default), forfall, ikke_moett, permisjon or fravaer.",
                                   "STATUS", "--oppmoete")] = None,
    grunn: Annotated[Text, _opt("The reason for the forfall (never public); implies --oppmoete forfall.",
                                "TEXT", "--grunn")] = None,
    moette_for: Annotated[Optional[str], person_option("A vara: the member this person met for (marked "
                                                       "forfall if nothing is recorded for them).", "--for")] = None,
    kom: Annotated[Text, _opt("Arrived: at a time (13:15), or from an item on (47/09).", "TIME|ITEM",
                              "--kom")] = None,
    forlot: Annotated[Text, _opt("Left: at a time, or after an item.", "TIME|ITEM", "--forlot")] = None,
    under: Annotated[bool, typer.Option("--under", help="--kom/--forlot happened during the item, not "
                                                       "before or after it.")] = False,
    permisjon: Annotated[bool, typer.Option("--permisjon", help="With --forlot: left with leave granted.")] = False,
    inhabil: Annotated[Text, _opt("Inhabil in this item.", "ITEM", "--inhabil")] = None,
    hjemmel: Annotated[Text, _opt("With --inhabil: the legal basis, fvl. § 6 første ledd bokstav a.", "TEXT",
                                  "--hjemmel")] = None,
    vara: Annotated[Optional[str], person_option("With --inhabil: who met instead for that item.",
                                                 "--vara")] = None,
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Record attendance: who met, who sent forfall, who met for whom, who came or left when.

    A person not among the participants is added (a vara, a guest). Without options the
    persons met (oppmoete: moett). In a terminal, without PERSON the persons are asked for one
    at a time, with the body's members to choose from.

    Example:

        kvk meeting attend 2009-11-20-formannskapet ola-hansen per-berg

        kvk meeting attend 2009-11-20-formannskapet kari-nordmann --grunn "Syk"

        kvk meeting attend 2009-11-20-formannskapet vara-vik --for kari-nordmann --kom 2/09
    """
    from ..authoring.recording import attend as record

    repository = open_repo(repo)
    if not persons:
        persons = _ask_persons(repository, meeting, Prompter(interactive(no_input or format is ResultFormat.json)))
    change = record(repository, meeting, persons, oppmoete=oppmoete, grunn=grunn, moette_for=moette_for, kom=kom,
                    forlot=forlot, under=under, permisjon=permisjon, inhabil=inhabil, hjemmel=hjemmel, vara=vara,
                    correction=_correction(rettelse, av, rettelse_dato), dry_run=dry_run)
    report_change(repository, change, format, dry_run)


def _ask_persons(repository, meeting: str, asker: "Prompter") -> list[str]:
    """Who, asked one at a time among the members of the meeting's body (anyone in the
    organisation is accepted: a vara from another list, a guest), until an empty answer."""
    from .. import layout
    from ..authoring.context import require_person
    from ..repository import Scope

    from ..authoring.recording import Meeting

    Meeting(repository, meeting)  # an unknown meeting is refused before anything is asked
    if not asker.enabled:
        raise missing("PERSON")
    index = repository.load_index(Scope.organisation())
    body = index.body(layout.meeting_body(meeting) or "")
    choices = members(index, body) if body is not None and body.medlemmer else people(index)

    def person(text: str) -> str:
        return require_person(index, text.strip(), "PERSON")

    chosen = [asker.ask(_("Who (a person's id)"), person, option="PERSON", choices=choices)]
    while (more := asker.ask(_("Anyone else, with the same options (empty: no more)"), person, option="PERSON",
                             choices=choices, optional=True)) is not None:
        chosen.append(more)
    return chosen


@meeting_app.command("propose")
@handle_errors
def propose(
    meeting: Annotated[str, meeting_argument()],
    item: AskedItem = None,
    tekst: Annotated[Text, _opt("The proposal's text (asked for in a terminal when left out).", "TEXT",
                                "--tekst")] = None,
    ident: Annotated[Text, _opt("The id a vote names it by [default: 1, 2, …].", "ID",
                                "--id")] = None,
    fremmet_av: Annotated[Optional[str], person_option("Who proposed it.", "--fremmet-av")] = None,
    paa_vegne_av: Annotated[Text, _opt("On behalf of: \"Ap, Sp og KrF\".", "TEXT", "--paa-vegne-av")] = None,
    type: Annotated[Text, _opt("forslag_til_vedtak, tilleggsforslag, endringsforslag, utsettelsesforslag, …",
                               "TYPE", "--type")] = None,
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Record a proposal (forslag) made in an item; prints its id for the vote.

    In a terminal a missing ITEM and text are asked for, and who proposed it, with the items
    and the body's members to choose from.

    Example:

        kvk meeting propose 2009-11-20-formannskapet 1/09 --fremmet-av per-berg \\
            --type tilleggsforslag --tekst "Skolen i Nes består."
    """
    from ..authoring.recording import propose as record

    repository = open_repo(repo)
    asking = _Asking(repository, meeting, no_input, format)
    item = asking.item(item)
    if tekst is None:
        if not asking.asker.enabled:
            raise missing("--tekst")
        tekst = asking.asker.ask(_("The proposal's text"), _text_answer("--tekst"), option="--tekst")
        if fremmet_av is None:
            fremmet_av = asking.person(_("Who proposed it (a person's id; empty: not recorded)"), "--fremmet-av")
    change = record(repository, meeting, item, tekst, ident=ident, fremmet_av=fremmet_av, paa_vegne_av=paa_vegne_av,
                    type=type, correction=_correction(rettelse, av, rettelse_dato), dry_run=dry_run)
    report_change(repository, change, format, dry_run)


def _people(help: str, name: str):
    return typer.Option(name, metavar="PERSON", help=help, show_default=False)


def _parties(help: str, name: str):
    return typer.Option(name, metavar="PARTY", help=help, show_default=False)


@meeting_app.command("vote")
@handle_errors
def vote(
    meeting: Annotated[str, meeting_argument()],
    item: AskedItem = None,
    over: Annotated[Text, _opt("What was voted over: innstillingen, or a proposal's id. [default: innstillingen]",
                               "PROPOSAL", "--over")] = None,
    for_: Annotated[Optional[int], typer.Option("--for", metavar="N", min=0, help="Votes for.",
                                                show_default=False)] = None,
    mot: Annotated[Optional[int], typer.Option("--mot", metavar="N", min=0, help="Votes against.",
                                               show_default=False)] = None,
    blankt: Annotated[Optional[int], typer.Option("--blankt", metavar="N", min=0, help="Blank votes.",
                                                  show_default=False)] = None,
    enstemmig: Annotated[bool, typer.Option("--enstemmig", help="Adopted unanimously.")] = False,
    ja: Annotated[Optional[List[str]], _people("Roll call: voted yes (repeat the option).", "--ja")] = None,
    nei: Annotated[Optional[List[str]], _people("Roll call: voted no.", "--nei")] = None,
    blank: Annotated[Optional[List[str]], _people("Roll call: voted blank.", "--blank")] = None,
    partier_for: Annotated[Optional[List[str]], _parties("A party that voted for (repeat).", "--partier-for")] = None,
    partier_mot: Annotated[Optional[List[str]], _parties("A party that voted against.", "--partier-mot")] = None,
    partier_blankt: Annotated[Optional[List[str]], _parties("A party that voted blank.", "--partier-blankt")] = None,
    resultat: Annotated[Text, _opt("vedtatt or falt [default: from the counts].", "RESULT", "--resultat")] = None,
    kl: Annotated[Text, _opt("When the vote was taken.", "TIME", "--kl")] = None,
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Record a vote (votering) in an item: counts, a roll call or party groups.

    More votes than voting members present, a roll call naming someone absent or inhabil, or
    party groups that do not fit who was there are refused, as kvk check would report them. In
    a terminal, without ITEM or without a result, they are asked for: the item, what was voted
    over (among its proposals), and the votes (a number for, or enstemmig; against; blank).

    Example:

        kvk meeting vote 2009-11-20-formannskapet 1/09 --over 1 --for 2 --mot 3

        kvk meeting vote 2009-11-20-formannskapet 1/09 --enstemmig

        kvk meeting vote 2009-11-20-formannskapet 2/09 --ja ola-hansen --ja per-berg --nei vara-vik
    """
    from ..authoring.recording import INNSTILLINGEN, vote as record

    repository = open_repo(repo)
    asking = _Asking(repository, meeting, no_input, format)
    item = asking.item(item)
    if not (enstemmig or ja or nei or blank or for_ is not None or mot is not None or blankt is not None) \
            and asking.asker.enabled:
        if over is None and len(asking.proposals(item)) > 1:
            over = asking.proposal(item, _("Voted over (innstillingen or a proposal's id)"), "--over",
                                   default=INNSTILLINGEN)
        first = asking.asker.ask(_("Votes for (a number, or enstemmig)"), _for_or_unanimous, option="--for")
        if first == "enstemmig":
            enstemmig = True
        else:
            for_ = first
            mot = asking.asker.ask(_("Votes against"), _count("--mot"), option="--mot")
            blankt = asking.asker.ask(_("Blank votes (empty: none)"), _count("--blankt"), option="--blankt",
                                      optional=True)
    change = record(repository, meeting, item, over=over or INNSTILLINGEN, for_=for_, mot=mot, blankt=blankt,
                    enstemmig=enstemmig,
                    ja=ja or [], nei=nei or [], blank=blank or [], partier_for=partier_for or [],
                    partier_mot=partier_mot or [], partier_blankt=partier_blankt or [], resultat=resultat, kl=kl,
                    correction=_correction(rettelse, av, rettelse_dato), dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@meeting_app.command("decide")
@handle_errors
def decide(
    meeting: Annotated[str, meeting_argument()],
    item: AskedItem = None,
    tekst: Annotated[Text, _opt("The vedtak's text.", "TEXT", "--tekst")] = None,
    som: Annotated[Text, _opt("The proposal adopted as the vedtak, not typed again: innstillingen or a "
                              "proposal's id.", "PROPOSAL", "--som")] = None,
    type: Annotated[Text, _opt("vedtak, innstilling, tatt_til_orientering, utsatt or tilraading.", "TYPE",
                               "--type")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a vedtak the item has.")] = False,
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    no_input: NoInput = False,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Record the vedtak of an item. The case moves with its saksgang: when this body decides
    it (avgjoeres_av, rolle vedtak, or the last body of the saksgang), it is avsluttet. In a
    terminal a missing ITEM is asked for, and without --tekst or --som the proposal adopted
    (among the item's) or else the vedtak's text.

    Example:

        kvk meeting decide 2009-11-20-formannskapet 1/09 --som innstillingen

        kvk meeting decide 2009-11-20-formannskapet 2/09 --tekst "Saken utsettes." --type utsatt
    """
    from ..authoring.recording import decide as record

    repository = open_repo(repo)
    asking = _Asking(repository, meeting, no_input, format)
    item = asking.item(item)
    if tekst is None and som is None and asking.asker.enabled:
        som = asking.proposal(item, _("The proposal adopted as the vedtak (innstillingen or a proposal's id; "
                                      "empty: type the vedtak's text)"), "--som", optional=True)
        if som is None:
            tekst = asking.asker.ask(_("The vedtak's text"), _text_answer("--tekst"), option="--tekst")
    change = record(repository, meeting, item, tekst=tekst, som=som, type=type, force=force,
                    correction=_correction(rettelse, av, rettelse_dato), dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@meeting_app.command("item")
@handle_errors
def item(
    meeting: Annotated[str, meeting_argument()],
    item: ItemArgument,
    status: Annotated[Text, _opt("What came of the item: behandlet (BE), utsatt (UT) or tilbakesendt (TB: sent "
                                 "back to the body before).", "STATUS", "--status")] = None,
    type: Annotated[Text, _opt("The Noark kind of item: PS, RS, DS, FO, orientering, …", "TYPE", "--type")] = None,
    art: Annotated[Text, _opt("What the item is: melding, orientering, referatsaker, eventuelt, valg, …", "ART",
                              "--art")] = None,
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Set an agenda item's status (behandlet, utsatt, tilbakesendt) or its kind (--type, --art).

    The status belongs in the minutes (kvk meeting status MEETING moeteprotokoll first); the
    kind may be set on the innkalling too.

    Example:

        kvk meeting item 2009-11-20-formannskapet 2/09 --status utsatt

        kvk meeting item 2009-11-20-formannskapet 3/09 --type RS --art referatsaker
    """
    from ..authoring.recording import item as record

    repository = open_repo(repo)
    change = record(repository, meeting, item, status=status, type=type, art=art,
                    correction=_correction(rettelse, av, rettelse_dato), dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@meeting_app.command("status")
@handle_errors
def status(
    meeting: Annotated[str, meeting_argument()],
    dokumenttype: Annotated[str, typer.Argument(metavar="KIND", help="innkalling, referat, moeteprotokoll, "
                                                "moetebok or saksprotokoll.", show_default=False)],
    rettelse: RettelseOption = None, av: AvOption = None, rettelse_dato: RettelseDatoOption = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Set what the meeting's document is: the innkalling before it, the minutes after it.

    Minutes start as a draft (protokollstatus: utkast) until kvk meeting approve.

    Example:

        kvk meeting status 2009-11-20-formannskapet moeteprotokoll
    """
    from ..authoring.recording import status as record

    repository = open_repo(repo)
    change = record(repository, meeting, dokumenttype, correction=_correction(rettelse, av, rettelse_dato),
                    dry_run=dry_run)
    report_change(repository, change, format, dry_run)


@meeting_app.command("approve")
@handle_errors
def approve(
    meeting: Annotated[str, meeting_argument()],
    dato: Annotated[str, _opt("The day the minutes were approved.", "DATE", "--dato")],
    av: Annotated[str, _opt("Who approved them: a body's meeting (\"Formannskapet 2009-12-04\") or names.",
                            "WHO", "--av")],
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Approve the minutes (utkast -> godkjent). From then on they change only with a correction.

    Minutes with errors (kvk check) are not approved.

    Example:

        kvk meeting approve 2009-11-20-formannskapet --dato 2009-12-04 --av "Formannskapet 04.12.2009"
    """
    from ..authoring.recording import approve as record

    repository = open_repo(repo)
    report_change(repository, record(repository, meeting, dato=dato, av=av, dry_run=dry_run), format, dry_run)


@meeting_app.command("correct")
@handle_errors
def correct(
    meeting: Annotated[str, meeting_argument()],
    grunn: Annotated[str, _opt("Why the approved minutes are corrected.", "TEXT", "--grunn")],
    av: Annotated[str, _opt("Who corrects them.", "WHO", "--av")],
    endring: Annotated[Text, _opt("What was changed.", "TEXT", "--endring")] = None,
    dato: Annotated[Text, _opt("The day of the correction [default: today].", "DATE", "--dato")] = None,
    dry_run: DryRunOption = False,
    format: ResultFormatOption = ResultFormat.text,
    repo: RepoOption = None,
) -> None:
    """Record a correction (rettelse) to approved minutes, e.g. for a change made by hand.

    The recording commands add one themselves with --rettelse.

    Example:

        kvk meeting correct 2009-11-20-formannskapet --grunn "Feil stavemåte av navn" --av "Kari Nordmann"
    """
    from ..authoring.recording import correct as record

    repository = open_repo(repo)
    change = record(repository, meeting, grunn=grunn, av=av, dato=dato, endring=endring, dry_run=dry_run)
    report_change(repository, change, format, dry_run)
