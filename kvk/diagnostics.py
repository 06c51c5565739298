"""Findings about records, shaped like compiler messages.

Every problem kvk finds in a record becomes a :class:`Diagnostic` with a stable code from
:data:`CODES`. Codes never change meaning once released: scripts and CI filters rely on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from . import DISTRIBUTION
from .i18n import N_


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Code:
    """A code of the catalogue. ``title`` and ``hint`` are English, marked for the catalogues:
    :meth:`said` and :meth:`advice` give them in the user's language (docs/codes.md keeps the
    English ones)."""

    code: str
    severity: Severity
    title: str
    hint: str = ""

    def said(self) -> str:
        """The title in the user's language."""
        from .i18n import _

        return _(self.title)

    def advice(self, translate: bool = True) -> str:
        """The hint, in the user's language (or in English, ``translate=False``), with the
        name of the distribution to install filled in."""
        from .i18n import _

        if not self.hint:
            return ""
        text = _(self.hint) if translate else self.hint
        return text.replace("{distribution}", DISTRIBUTION) if "{distribution}" in text else text


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: The catalogue of every diagnostic kvk can give. docs/codes.md is generated from it.
CODES: dict[str, Code] = _codes(
    # 0xx: the file itself cannot be read as a record
    Code("KVK001", E, N_("invalid YAML"),
         N_("text with ':' or a leading '*', '@', '%' or '#' must be quoted, or written as a block (|)")),
    Code("KVK002", E, N_("file is not UTF-8"), N_("save the file as UTF-8 (most editors: 'Save with encoding')")),
    Code("KVK003", E, N_("duplicate key"), N_("YAML would silently keep only the last value; remove one of them")),
    Code("KVK004", E, N_("anchors and aliases are not allowed"), N_("write the value out in full")),
    Code("KVK005", E, N_("tags are not allowed"), N_("remove the '!…' tag; kvk reads every value as text")),
    Code("KVK006", E, N_("a record must be a mapping"), N_("a record file holds 'key: value' lines at the top level")),
    Code("KVK007", E, N_("link points outside the repository"), N_("copy the file into the repository instead of linking to it")),
    Code("KVK008", E, N_("file must hold exactly one YAML document"), N_("remove the '---' separators or split the file")),
    Code("KVK009", E, N_("nesting too deep"), N_("records nest a few levels at most; check the indentation")),
    Code("KVK010", E, N_("cannot read file"), ""),
    Code("KVK011", E, N_("mapping key must be plain text"), N_("write keys as plain words: 'tittel: …'")),
    Code("KVK012", W, N_("file is not in a record folder"), N_("records live under data/saker, data/moter, data/indikatorer, data/organisasjon.yaml or data/organisasjon/")),
    Code("KVK013", E, N_("bad kvk.yaml"), ""),
    Code("KVK014", E, N_("control character or lone surrogate in a value"),
         N_("remove the character (escapes such as \\0, \\x1b or \\ud800 in double quotes are not text)")),
    Code("KVK015", E, N_("folder cannot be read"), N_("give kvk permission to read the folder (chmod u+rx), or remove it")),
    Code("KVK016", E, N_("a file where a folder of records belongs"), N_("move the file away; records live in folders under data/")),
    Code("KVK017", E, N_("record file extension not in lower case"), N_("rename the file to end in '.yaml'")),
    Code("KVK018", E, N_("a change to several files was interrupted"),
         N_("run 'kvk recover' to finish it (every new file was written before the first was put in place)")),
    # 1xx: the record does not fit its model
    Code("KVK101", E, N_("required field missing"), ""),
    Code("KVK102", E, N_("unknown field"), ""),
    Code("KVK103", E, N_("invalid value"), ""),
    Code("KVK104", E, N_("invalid date"), N_("write dates as 2009-10-30 or 30.10.2009")),
    Code("KVK105", E, N_("invalid time"), N_("write times as 13:15 or 13.15")),
    Code("KVK106", E, N_("invalid period"), N_("periods are 2009, 2009-S1, 2009-T2, 2009-Q3, 2009-M03 or 2009-W05")),
    Code("KVK107", E, N_("invalid case number"), N_("a saksnr is year/sequence, e.g. 2008/628")),
    Code("KVK108", E, N_("invalid number"), N_("use a dot as decimal separator: 9.0, not 9,0")),
    Code("KVK109", E, N_("invalid skjerming markup"), N_("mark exempt text as [[skjermet hjemmel=\"offl. § 13\"]]…[[/skjermet]]")),
    Code("KVK110", E, N_("inconsistent record"), ""),
    Code("KVK111", E, N_("meeting without a date has no id"),
         N_("give the meeting an id: <year>-<utvalg>-<first item number>, e.g. 2013-kommunestyre-39")),
    Code("KVK112", E, N_("given twice: the linked case holds it"),
         N_("an item that links a case takes its arkivsaksnr, innstilling, seksjoner and vedlegg from the case")),
    Code("KVK120", E, N_("near-miss skjerming markup"),
         N_("write exactly [[skjermet hjemmel=\"offl. § 13\"]]…[[/skjermet]]: two square brackets, lower case, "
         "the bokmål word 'skjermet'; text that looks like the markup is refused, never printed")),
    # 2xx: cross-record rules
    Code("KVK201", E, N_("unknown person"), N_("add the person to data/organisasjon.yaml, or fix the id")),
    Code("KVK202", E, N_("unknown body (utvalg)"), N_("add the body to data/organisasjon.yaml, or fix the id")),
    Code("KVK203", E, N_("duplicate id"), N_("two records claim the same id; renumber one of them")),
    Code("KVK204", E, N_("file name does not match id"), N_("rename the file or fix the id")),
    Code("KVK205", E, N_("agenda item refers to a missing case"), N_("create the case or fix the saksnr")),
    Code("KVK206", E, N_("meeting does not list the case"), N_("add the case to the meeting's agenda, or fix the saksgang")),
    Code("KVK207", E, N_("substitute for someone not absent"), N_("mark the person replaced with 'oppmoete: forfall'")),
    Code("KVK208", E, N_("more votes than voting members present"), N_("check the vote count and who was present")),
    Code("KVK209", E, N_("body not quorate (not vedtaksdyktig)"), N_("a decision needs at least half of the body's members present")),
    Code("KVK210", E, N_("vote by an inhabil member"), N_("a member who was inhabil in an item cannot vote in it")),
    Code("KVK211", E, N_("id would name a path outside the repository"), N_("ids are short slugs: letters, digits, '-' and '_'")),
    Code("KVK212", E, N_("unknown indicator"), N_("fix the indicator id")),
    Code("KVK213", E, N_("unknown agenda item"), N_("refer to an item number on this meeting's agenda")),
    Code("KVK214", E, N_("duplicate utvalgssaksnr"), N_("each body numbers its items once per year")),
    Code("KVK215", E, N_("unknown participant"), N_("list the person under deltakere")),
    Code("KVK216", E, N_("vote by someone not present"),
         N_("fix the roll call, or the participant's oppmoete, til_stede_fra or til_stede_til")),
    Code("KVK217", E, N_("agenda item number and the case's utvalgssaksnr disagree"),
         N_("run 'kvk number-agenda MEETING' to write the meeting's item numbers into its cases")),
    Code("KVK218", E, N_("stated head count disagrees with the participants"),
         N_("count who the record lists as present, or fix antall_til_stede")),
    Code("KVK219", E, N_("the same person twice in one meeting"),
         N_("list each person once under deltakere; arriving and leaving are hendelser")),
    Code("KVK220", E, N_("the vedtak typed twice, and the two differ"),
         N_("the meeting's item holds the vedtak; drop the case's behandling for that meeting")),
    Code("KVK221", E, N_("party groups of a vote disagree with who was present"),
         N_("check the parties named in partier and the vote counts")),
    Code("KVK222", E, N_("vote or vedtak names no proposal of the item"),
         N_("name a forslag id of this item, or innstillingen")),
    Code("KVK223", E, N_("presence events out of order"),
         N_("list hendelser in order: kom before forlot, one forlot per kom")),
    Code("KVK224", E, N_("unknown party, organisation or meeting"),
         N_("add it to partier or organisasjoner in data/organisasjon.yaml, or fix the id")),
    Code("KVK225", W, N_("quorum rests on members only partly present"),
         N_("the body is quorate only if those arriving or leaving during the item are counted")),
    # 30x: rendering documents
    Code("KVK301", E, N_("unknown case"), N_("give a saksnr such as 2008/628; its record is data/saker/<year>/<year>-<nr>.yaml")),
    Code("KVK302", E, N_("unknown meeting"), N_("give a meeting id such as 2009-10-30-styringsgruppa (date and utvalg id)")),
    Code("KVK303", E, N_("template syntax error"), ""),
    Code("KVK304", E, N_("undefined value in template"), N_("check the name against docs/rendering.md, or guard it with 'is defined'")),
    Code("KVK305", E, N_("template not found"), N_("templates are looked up in the repository's templates/ folder, then the built-in ones")),
    Code("KVK306", E, N_("template failed"), ""),
    Code("KVK307", E, N_("PDF output needs WeasyPrint"),
         N_("pip install '{distribution}[pdf]'; WeasyPrint also needs Pango from the system (docs/rendering.md)")),
    Code("KVK308", E, N_("record has errors; cannot render it"), N_("run 'kvk check' and fix the errors first")),
    Code("KVK309", E, N_("unknown label in the presentation profile"),
         N_("the label keys are listed in docs/rendering.md (Labels); a label's {values} are those of the built-in one")),
    Code("KVK316", E, N_("the letterhead logo cannot be read"),
         N_("brevark.logo in kvk.yaml names an SVG or PNG file in the repository, relative to its root")),
    Code("KVK317", E, N_("the letterhead logo is not an SVG or PNG image"),
         N_("save the coat of arms as SVG (best) or PNG, at most 2 MiB, and name that file in brevark.logo")),
    Code("KVK318", E, N_("the Word template cannot be used"),
         N_("brevark.word_mal names a .docx made in Word from the municipality's letter template "
         "(docs/rendering.md, Word output); leave it out to use the built-in one")),
    Code("KVK319", E, N_("the PDF font cannot be found"),
         N_("install DejaVu: apt-get install fonts-dejavu-core (docs/rendering.md)")),
    Code("KVK320", E, N_("Word output needs docxtpl"), N_("pip install '{distribution}[docx]'")),
    # 4xx: indicators and the scorecard (kvk check-indicators; table in docs/indicators.md)
    Code("KVK401", E, N_("indicator has no definition"),
         N_("add definisjon.tekst: what is counted, teller and nevner, for whom, from which source")),
    Code("KVK402", E, N_("indicator has no source"), N_("add kilde.system: where the figures come from")),
    Code("KVK403", E, N_("indicator has no owner"), N_("add eier: who answers for the figures and the goal")),
    Code("KVK404", E, N_("indicator has no target"), N_("add maal: [{frist: 2009-Q4, verdi: ...}]")),
    Code("KVK405", E, N_("target deadline outside the project"),
         N_("a goal must be reached within the project: move the deadline, or extend prosjekt.slutt")),
    Code("KVK406", E, N_("thresholds contradict the direction"),
         N_("the green limit must lie on the better side of the yellow limit")),
    Code("KVK407", E, N_("period does not match the frequency"), N_("write periods in the indicator's frekvens")),
    Code("KVK408", E, N_("duplicate measurement"), N_("one measurement per indicator, omfang and periode; remove one")),
    Code("KVK409", E, N_("value outside the unit's domain"),
         N_("a percentage lies in 0-100, a score inside its skala, a count is never negative")),
    Code("KVK410", E, N_("teller/nevner do not give the value"), N_("check teller, nevner and verdi against each other")),
    Code("KVK411", E, N_("the goal cannot be computed as declared"),
         N_("rolling four quarters needs quarterly figures and an aggregering; forhold_av_summer needs teller and nevner")),
    Code("KVK420", W, N_("definition has no population"), N_("add definisjon.populasjon: who is counted")),
    Code("KVK421", W, N_("no usable baseline"), N_("add baseline: {periode: ..., verdi: ...} before the first deadline")),
    Code("KVK422", W, N_("gap in the series"), N_("add the missing periods, or mark them with status M")),
    Code("KVK423", W, N_("stale data"), N_("add the latest measurements, or give --as-of")),
    Code("KVK424", W, N_("verdict rests on provisional or break-marked values"),
         N_("the status light may change when final figures arrive")),
    Code("KVK425", W, N_("comparison series not comparable or undated"),
         N_("give versjon (publication date) and definisjon_samsvar: full only when the definitions agree")),
    Code("KVK426", W, N_("vague indicator without an operational definition"),
         N_("add definisjon.operasjonalisering: who is asked or counted, how, and when")),
    Code("KVK427", W, N_("claim not borne out by the measurements"), N_("correct the claim or the measurements")),
    Code("KVK428", W, N_("claim cannot be verified"), N_("add the measurements and periods the claim rests on")),
    Code("KVK429", W, N_("reference series without definition or source"),
         N_("a comparison is only meaningful when its definition and source are known")),
    Code("KVK430", W, N_("too few persons to publish"), N_("values from fewer than min_personer persons are masked")),
    Code("KVK440", I, N_("claim confirmed by the measurements"), ""),
    # 5xx: review against an earlier version in git (kvk check --changed)
    Code("KVK500", E, N_("approved minutes changed without a recorded correction"),
         N_("approved minutes are not edited silently: add a rettelser entry (dato, av, grunn) or undo the change")),
    Code("KVK501", E, N_("approved minutes deleted"), N_("approved minutes are kept; restore the file with git")),
    Code("KVK502", E, N_("recorded correction removed or altered"),
         N_("rettelser entries are never edited or removed; add a new entry instead")),
    Code("KVK503", W, N_("file does not load at the earlier version"),
         N_("the earlier version could not be read, so what changed in it is unknown")),
    Code("KVK504", E, N_("unresolved merge conflict"),
         N_("keep one side between the <<<<<<< and >>>>>>> lines (renumber one of two new cases), then git add the file")),
    # 7xx: writing records (kvk org, kvk meeting): the command stops, nothing is written
    Code("KVK701", E, N_("record changed on disk since kvk read it"),
         N_("someone changed the file while kvk worked on it (an editor, a hand edit): run the command again, "
         "it reads the file as it is now")),
    Code("KVK702", E, N_("already recorded; not overwritten"),
         N_("kvk never replaces what a record holds unless told: see the command's --force, or change it by hand")),
    Code("KVK703", E, N_("the meeting's record is not minutes yet"),
         N_("after the meeting, make its record minutes first: kvk meeting status MEETING moeteprotokoll")),
    # 6xx: publishing (kvk export, kvk site)
    Code("KVK600", E, N_("kvk.yaml has no organisasjonsnummer; the messages need their sender"),
         N_("add 'organisasjonsnummer: \"974760673\"' to kvk.yaml: the municipality's nine digits in Enhetsregisteret")),
    Code("KVK601", E, N_("kvk.yaml has no kommunenummer; the messages need their sender"),
         N_("add 'kommunenummer: \"0301\"' to kvk.yaml: the municipality's four digits, in quotes")),
    Code("KVK602", E, N_("a message does not fit the published KS Fiks schema; nothing was written"),
         N_("this is a bug in kvk's export: please report it with the message and the schema path")),
    Code("KVK603", E, N_("the repository has errors; nothing was published"),
         N_("run 'kvk check' and fix the errors first: a public export is made whole or not at all")),
    Code("KVK604", E, N_("the output folder is not kvk's to replace"),
         N_("give a new folder, an empty one, or one kvk wrote before (it holds .kvk-publish)")),
    # 7xx, added after the rest: writing records
    Code("KVK704", E, N_("still referred to by records; not removed"),
         N_("records keep the people, bodies and parties they name: end a membership (--til DATE) rather than "
            "remove what the minutes name")),
)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where, how bad, which rule, what and how to fix it."""

    path: str
    line: int = 0  # 1-based; 0 when the finding is about the whole file
    col: int = 0  # 1-based
    code: str = ""
    message: str = ""
    hint: str = field(default="", compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @classmethod
    def make(cls, code: str, path: str, line: int = 0, col: int = 0, message: str = "",
             hint: str | None = None) -> "Diagnostic":
        spec = CODES[code]
        # made where the finding is found (in a worker, too): in the language of the command
        return cls(path=path, line=line, col=col, code=code, message=message or spec.said(),
                   hint=spec.advice() if hint is None else hint, severity=spec.severity)

    def as_tuple(self) -> tuple:
        """Plain values, to cross between processes or to keep in the cache."""
        return (self.path, self.line, self.col, self.code, self.message, self.hint, self.severity.value)

    @classmethod
    def from_tuple(cls, values: tuple) -> "Diagnostic":
        path, line, col, code, message, hint, severity = values
        return cls(path, line, col, code, message, hint, Severity(severity))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The compiler-style line: ``path:line:col: severity CODE message (hint: …)``, always
        one line: the path is quoted as git quotes an odd file name and control characters in
        the message are escaped (a value quoted in a message can neither split the finding
        nor forge another, nor send escape sequences to a terminal). A finding about the whole
        file is at line 1, column 1."""
        where = f"{quote_path(self.path)}:{self.line or 1}:{self.col or 1}"
        text = f"{where}: {self.severity.value} {self.code} {escape_controls(self.message)}"
        if self.hint:
            text += f" (hint: {escape_controls(self.hint)})"
        return text

    def format_github(self, prefix: str = "") -> str:
        """A GitHub Actions workflow command: an annotation on the file and line."""
        level = {"error": "error", "warning": "warning"}.get(self.severity.value, "notice")
        text = f"{self.code} {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        return (f"::{level} file={_github_property(prefix + self.path)},line={self.line or 1},"
                f"col={self.col or 1},title={_github_property(self.code)}::{_github_data(escape_controls(text, keep=_LINE_ENDS))}")

    def to_json(self) -> dict:
        return {
            "path": self.path, "line": self.line or 1, "column": self.col or 1,
            "severity": self.severity.value, "code": self.code,
            "message": self.message, "hint": self.hint,
        }


#: what git escapes in a file name by a letter (see git's quote.c, quote_c_style)
_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
              "\r": "\\r", '"': '\\"', "\\": "\\\\"}
#: characters that must not reach a terminal or a log as they are: C0 and C1 controls, DEL,
#: lone surrogates, the Unicode line and paragraph separators
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_NEEDS_QUOTES = re.compile('[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"\\\\]')


def _escaped(char: str) -> str:
    if char in _C_ESCAPES:
        return _C_ESCAPES[char]
    # git writes other control bytes in octal; a character that is no byte, as \u/\U
    code = ord(char)
    if code < 0x80:
        return f"\\{code:03o}"
    return f"\\u{code:04x}"


def quote_path(path: str) -> str:
    """A path as git quotes an odd file name (core.quotePath=false: letters such as 'ø' stay
    as they are): in double quotes with C escapes when it holds a control character, '"' or
    a backslash; as it is otherwise."""
    if not _NEEDS_QUOTES.search(path):
        return path
    return '"' + "".join(_C_ESCAPES.get(c, c) if c in _C_ESCAPES or not _CONTROLS.match(c) else _escaped(c)
                         for c in path) + '"'


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character (but those in ``keep``) written as an escape
    (``\\n``, ``\\033``), so a message is one line whatever value it quotes. (An annotation
    keeps its line ends: the runner's own %0A encoding carries them.)"""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)


_LINE_ENDS = "\r\n"


def _github_data(text: str) -> str:
    """The message of a workflow command, escaped as the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A property value (file=, title=): also ',' (which ends a property) and ':' (which would
    end the properties), so a file named 'a,b%c.yaml' arrives as itself."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest of ``known``, or ''."""
    import difflib

    close = difflib.get_close_matches(str(value), list(known), n=1, cutoff=0.6)
    from .i18n import _

    return _(" (did you mean '{value}'?)").format(value=close[0]) if close else ""


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


# --- errors that stop a command ---------------------------------------------------------------
#
# The library raises these; only the CLI turns them into a message and an exit code. Each
# carries the diagnostics that say what and where, so `--format json` can report a failure's
# code and place as it reports findings. Anything else that escapes is a bug in kvk (exit 70).


class KvkError(Exception):
    """An expected failure that stops a command: usage, I/O or records that prevent it, never a
    bug. ``diagnostics`` say where; without them the message stands alone."""

    exit_code = 2

    def __init__(self, message: str | None = None, *, diagnostics: Iterable[Diagnostic] = ()):
        self.diagnostics = list(diagnostics)
        if message is None:
            message = self.diagnostics[0].format() if self.diagnostics else self.__class__.__doc__ or ""
        super().__init__(message)

    @classmethod
    def at(cls, code: str, path: str, line: int = 0, col: int = 0, message: str = "",
           hint: str | None = None) -> "KvkError":
        """The error for one diagnostic, worded as the diagnostic."""
        return cls(diagnostics=[Diagnostic.make(code, path, line, col, message, hint)])

    @property
    def message(self) -> str:
        return str(self)

    def with_message(self, message: str) -> "KvkError":
        """The same error (class and diagnostics), worded for where it is reported."""
        err = self.__class__.__new__(self.__class__)
        KvkError.__init__(err, message, diagnostics=self.diagnostics)
        return err

    def to_json(self) -> dict:
        first = self.diagnostics[0] if self.diagnostics else None
        error = first.to_json() if first else {"code": None, "path": None, "line": 0, "column": 0,
                                                "severity": "error", "message": str(self), "hint": ""}
        if first is not None and len(self.diagnostics) > 1:
            error["more"] = [d.to_json() for d in self.diagnostics[1:]]
        return {"error": error}


class UsageError(KvkError):
    """The command line asks for something that cannot be: a bad option, an unknown id."""


def option_error(code: str, message: str, hint: str | None = None) -> UsageError:
    """The error for a value given on the command line (no file to point at): one line,
    ``error CODE message (hint: …)``, as a finding reads without its place."""
    d = Diagnostic.make(code, "", 0, 0, message, hint)
    # "error CODE … (hint: …)" is the grammar of every finding line, the same in every language
    text = f"error {d.code} {d.message}" + (f" (hint: {d.hint})" if d.hint else "")
    return UsageError(escape_controls(text), diagnostics=[d])


class RepositoryError(KvkError):
    """No records repository here, or its kvk.yaml cannot be used."""


class BrokenRecords(KvkError):
    """Records this command needs do not load or validate; ``kvk check`` tells the rest."""

    def __init__(self, diagnostics: Iterable[Diagnostic], *, code: str | None = None, what: str = ""):
        found = errors_in(diagnostics) or list(diagnostics)
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        if code is not None:  # e.g. KVK308 "cannot render": the cause in the message
            lead = Diagnostic.make(code, first.path, first.line, first.col,
                                   f"{what}{first.code} {first.message}{more}")
            super().__init__(diagnostics=[lead, *found])
        else:
            super().__init__(f"{first.format()}{more}; fix it first (kvk check lists everything)",
                             diagnostics=found)


class TemplateError(KvkError):
    """A template could not be found, compiled or rendered."""


class GitError(KvkError):
    """git is missing, refuses, or does not know what was asked."""


class WriteError(KvkError):
    """A file could not be written; nothing was."""


class RecordError(Exception):
    """A record could not be loaded; carries the diagnostic. Internal to loading: the loading
    API turns it into a finding (kvk check) or a :class:`BrokenRecords` (everything else)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


# --- the catalogue as a document --------------------------------------------------------------

#: headings of the code ranges; a range without one is still listed, under its number
HEADINGS = {
    "KVK0": "File level: the file cannot be read as a record",
    "KVK1": "Model: the record does not fit its kind",
    "KVK2": "Cross-record: the records do not fit together",
    "KVK3": "Rendering documents",
    "KVK4": "Indicators and the scorecard",
    "KVK5": "Review against an earlier version in git",
    "KVK7": "Writing records (kvk org, kvk meeting)",
}

CATALOGUE_INTRO = """\
# Diagnostic codes

<!-- Generated by `kvk codes --format md > docs/codes.md`; do not edit by hand. -->

`kvk check` reports every finding as one line,
`path:line:col: severity CODE message (hint: …)`, and `--format json` gives the same fields.
A code never changes meaning once released, so scripts and CI filters may rely on it.
Errors make `kvk check` exit 1; warnings alone leave it at 0.
Each code is produced by a broken record in `tests/bad/` or by a unit test.
The meanings and hints are given here in English; kvk shows them, and every finding's message,
in the language of the command line (bokmål, nynorsk or English: docs/cli.md, "Language"),
while the codes stay the same.
"""


def catalogue_markdown() -> str:
    """docs/codes.md: every code, grouped by range."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|") or "–"

    out = [CATALOGUE_INTRO]
    for prefix in sorted({code[:4] for code in CODES}):
        heading = HEADINGS.get(prefix, f"{prefix}xx")
        out.append(f"\n## {heading}\n\n| Code | Severity | Meaning | Hint |\n|---|---|---|---|\n")
        for code in sorted(c for c in CODES if c.startswith(prefix)):
            spec = CODES[code]
            out.append(f"| {code} | {spec.severity.value} | {cell(spec.title)} | {cell(spec.advice(False))} |\n")
    return "".join(out)
