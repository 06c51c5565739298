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
    code: str
    severity: Severity
    title: str
    hint: str = ""


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: The catalogue of every diagnostic kvk can give. docs/codes.md is generated from it.
CODES: dict[str, Code] = _codes(
    # 0xx: the file itself cannot be read as a record
    Code("KVK001", E, "invalid YAML",
         "text with ':' or a leading '*', '@', '%' or '#' must be quoted, or written as a block (|)"),
    Code("KVK002", E, "file is not UTF-8", "save the file as UTF-8 (most editors: 'Save with encoding')"),
    Code("KVK003", E, "duplicate key", "YAML would silently keep only the last value; remove one of them"),
    Code("KVK004", E, "anchors and aliases are not allowed", "write the value out in full"),
    Code("KVK005", E, "tags are not allowed", "remove the '!…' tag; kvk reads every value as text"),
    Code("KVK006", E, "a record must be a mapping", "a record file holds 'key: value' lines at the top level"),
    Code("KVK007", E, "link points outside the repository", "copy the file into the repository instead of linking to it"),
    Code("KVK008", E, "file must hold exactly one YAML document", "remove the '---' separators or split the file"),
    Code("KVK009", E, "nesting too deep", "records nest a few levels at most; check the indentation"),
    Code("KVK010", E, "cannot read file", ""),
    Code("KVK011", E, "mapping key must be plain text", "write keys as plain words: 'tittel: …'"),
    Code("KVK012", W, "file is not in a record folder", "records live under data/saker, data/moter, data/indikatorer, data/organisasjon.yaml or data/organisasjon/"),
    Code("KVK013", E, "bad kvk.yaml", ""),
    Code("KVK014", E, "control character or lone surrogate in a value",
         "remove the character (escapes such as \\0, \\x1b or \\ud800 in double quotes are not text)"),
    Code("KVK015", E, "folder cannot be read", "give kvk permission to read the folder (chmod u+rx), or remove it"),
    Code("KVK016", E, "a file where a folder of records belongs", "move the file away; records live in folders under data/"),
    Code("KVK017", E, "record file extension not in lower case", "rename the file to end in '.yaml'"),
    Code("KVK018", E, "a change to several files was interrupted",
         "run 'kvk recover' to finish it (every new file was written before the first was put in place)"),
    # 1xx: the record does not fit its model
    Code("KVK101", E, "required field missing", ""),
    Code("KVK102", E, "unknown field", ""),
    Code("KVK103", E, "invalid value", ""),
    Code("KVK104", E, "invalid date", N_("write dates as 2009-10-30 or 30.10.2009")),
    Code("KVK105", E, "invalid time", N_("write times as 13:15 or 13.15")),
    Code("KVK106", E, "invalid period", "periods are 2009, 2009-S1, 2009-T2, 2009-Q3, 2009-M03 or 2009-W05"),
    Code("KVK107", E, "invalid case number", "a saksnr is year/sequence, e.g. 2008/628"),
    Code("KVK108", E, "invalid number", "use a dot as decimal separator: 9.0, not 9,0"),
    Code("KVK109", E, "invalid skjerming markup", "mark exempt text as [[skjermet hjemmel=\"offl. § 13\"]]…[[/skjermet]]"),
    Code("KVK110", E, "inconsistent record", ""),
    Code("KVK111", E, "meeting without a date has no id",
         "give the meeting an id: <year>-<utvalg>-<first item number>, e.g. 2013-kommunestyre-39"),
    Code("KVK112", E, "given twice: the linked case holds it",
         "an item that links a case takes its arkivsaksnr, innstilling, seksjoner and vedlegg from the case"),
    Code("KVK120", E, "near-miss skjerming markup",
         "write exactly [[skjermet hjemmel=\"offl. § 13\"]]…[[/skjermet]]: two square brackets, lower case, "
         "the bokmål word 'skjermet'; text that looks like the markup is refused, never printed"),
    # 2xx: cross-record rules
    Code("KVK201", E, "unknown person", "add the person to data/organisasjon.yaml, or fix the id"),
    Code("KVK202", E, "unknown body (utvalg)", "add the body to data/organisasjon.yaml, or fix the id"),
    Code("KVK203", E, "duplicate id", "two records claim the same id; renumber one of them"),
    Code("KVK204", E, "file name does not match id", "rename the file or fix the id"),
    Code("KVK205", E, "agenda item refers to a missing case", "create the case or fix the saksnr"),
    Code("KVK206", E, "meeting does not list the case", "add the case to the meeting's agenda, or fix the saksgang"),
    Code("KVK207", E, "substitute for someone not absent", "mark the person replaced with 'oppmoete: forfall'"),
    Code("KVK208", E, "more votes than voting members present", "check the vote count and who was present"),
    Code("KVK209", E, "body not quorate (not vedtaksdyktig)", "a decision needs at least half of the body's members present"),
    Code("KVK210", E, "vote by an inhabil member", "a member who was inhabil in an item cannot vote in it"),
    Code("KVK211", E, "id would name a path outside the repository", "ids are short slugs: letters, digits, '-' and '_'"),
    Code("KVK212", E, "unknown indicator", "fix the indicator id"),
    Code("KVK213", E, "unknown agenda item", "refer to an item number on this meeting's agenda"),
    Code("KVK214", E, "duplicate utvalgssaksnr", "each body numbers its items once per year"),
    Code("KVK215", E, "unknown participant", "list the person under deltakere"),
    Code("KVK216", E, "vote by someone not present",
         "fix the roll call, or the participant's oppmoete, til_stede_fra or til_stede_til"),
    Code("KVK217", E, "agenda item number and the case's utvalgssaksnr disagree",
         "run 'kvk number-agenda MEETING' to write the meeting's item numbers into its cases"),
    Code("KVK218", E, "stated head count disagrees with the participants",
         "count who the record lists as present, or fix antall_til_stede"),
    Code("KVK219", E, "the same person twice in one meeting",
         "list each person once under deltakere; arriving and leaving are hendelser"),
    Code("KVK220", E, "the vedtak typed twice, and the two differ",
         "the meeting's item holds the vedtak; drop the case's behandling for that meeting"),
    Code("KVK221", E, "party groups of a vote disagree with who was present",
         "check the parties named in partier and the vote counts"),
    Code("KVK222", E, "vote or vedtak names no proposal of the item",
         "name a forslag id of this item, or innstillingen"),
    Code("KVK223", E, "presence events out of order",
         "list hendelser in order: kom before forlot, one forlot per kom"),
    Code("KVK224", E, "unknown party, organisation or meeting",
         "add it to partier or organisasjoner in data/organisasjon.yaml, or fix the id"),
    Code("KVK225", W, "quorum rests on members only partly present",
         "the body is quorate only if those arriving or leaving during the item are counted"),
    # 30x: rendering documents
    Code("KVK301", E, "unknown case", "give a saksnr such as 2008/628; its record is data/saker/<year>/<year>-<nr>.yaml"),
    Code("KVK302", E, "unknown meeting", N_("give a meeting id such as 2009-10-30-styringsgruppa (date and utvalg id)")),
    Code("KVK303", E, "template syntax error", ""),
    Code("KVK304", E, "undefined value in template", "check the name against docs/rendering.md, or guard it with 'is defined'"),
    Code("KVK305", E, "template not found", "templates are looked up in the repository's templates/ folder, then the built-in ones"),
    Code("KVK306", E, "template failed", ""),
    Code("KVK307", E, "PDF output needs WeasyPrint",
         f"pip install '{DISTRIBUTION}[pdf]'; WeasyPrint also needs Pango from the system (docs/rendering.md)"),
    Code("KVK308", E, "record has errors; cannot render it", "run 'kvk check' and fix the errors first"),
    Code("KVK309", E, "unknown label in the presentation profile",
         "the label keys are listed in docs/rendering.md (Labels); a label's {values} are those of the built-in one"),
    Code("KVK316", E, "the letterhead logo cannot be read",
         "brevark.logo in kvk.yaml names an SVG or PNG file in the repository, relative to its root"),
    Code("KVK317", E, "the letterhead logo is not an SVG or PNG image",
         "save the coat of arms as SVG (best) or PNG, at most 2 MiB, and name that file in brevark.logo"),
    Code("KVK318", E, "the Word template cannot be used",
         "brevark.word_mal names a .docx made in Word from the municipality's letter template "
         "(docs/rendering.md, Word output); leave it out to use the built-in one"),
    Code("KVK319", E, "the PDF font cannot be found",
         "install DejaVu: apt-get install fonts-dejavu-core (docs/rendering.md)"),
    Code("KVK320", E, "Word output needs docxtpl", f"pip install '{DISTRIBUTION}[docx]'"),
    # 4xx: indicators and the scorecard (kvk check-indicators; table in docs/indicators.md)
    Code("KVK401", E, "indicator has no definition",
         "add definisjon.tekst: what is counted, teller and nevner, for whom, from which source"),
    Code("KVK402", E, "indicator has no source", "add kilde.system: where the figures come from"),
    Code("KVK403", E, "indicator has no owner", "add eier: who answers for the figures and the goal"),
    Code("KVK404", E, "indicator has no target", "add maal: [{frist: 2009-Q4, verdi: ...}]"),
    Code("KVK405", E, "target deadline outside the project",
         "a goal must be reached within the project: move the deadline, or extend prosjekt.slutt"),
    Code("KVK406", E, "thresholds contradict the direction",
         "the green limit must lie on the better side of the yellow limit"),
    Code("KVK407", E, "period does not match the frequency", "write periods in the indicator's frekvens"),
    Code("KVK408", E, "duplicate measurement", "one measurement per indicator, omfang and periode; remove one"),
    Code("KVK409", E, "value outside the unit's domain",
         "a percentage lies in 0-100, a score inside its skala, a count is never negative"),
    Code("KVK410", E, "teller/nevner do not give the value", "check teller, nevner and verdi against each other"),
    Code("KVK411", E, "the goal cannot be computed as declared",
         "rolling four quarters needs quarterly figures and an aggregering; forhold_av_summer needs teller and nevner"),
    Code("KVK420", W, "definition has no population", "add definisjon.populasjon: who is counted"),
    Code("KVK421", W, "no usable baseline", "add baseline: {periode: ..., verdi: ...} before the first deadline"),
    Code("KVK422", W, "gap in the series", "add the missing periods, or mark them with status M"),
    Code("KVK423", W, "stale data", "add the latest measurements, or give --as-of"),
    Code("KVK424", W, "verdict rests on provisional or break-marked values",
         "the status light may change when final figures arrive"),
    Code("KVK425", W, "comparison series not comparable or undated",
         "give versjon (publication date) and definisjon_samsvar: full only when the definitions agree"),
    Code("KVK426", W, "vague indicator without an operational definition",
         "add definisjon.operasjonalisering: who is asked or counted, how, and when"),
    Code("KVK427", W, "claim not borne out by the measurements", "correct the claim or the measurements"),
    Code("KVK428", W, "claim cannot be verified", "add the measurements and periods the claim rests on"),
    Code("KVK429", W, "reference series without definition or source",
         "a comparison is only meaningful when its definition and source are known"),
    Code("KVK430", W, "too few persons to publish", "values from fewer than min_personer persons are masked"),
    Code("KVK440", I, "claim confirmed by the measurements", ""),
    # 5xx: review against an earlier version in git (kvk check --changed)
    Code("KVK500", E, "approved minutes changed without a recorded correction",
         "approved minutes are not edited silently: add a rettelser entry (dato, av, grunn) or undo the change"),
    Code("KVK501", E, "approved minutes deleted", "approved minutes are kept; restore the file with git"),
    Code("KVK502", E, "recorded correction removed or altered",
         "rettelser entries are never edited or removed; add a new entry instead"),
    Code("KVK503", W, "file does not load at the earlier version",
         "the earlier version could not be read, so what changed in it is unknown"),
    Code("KVK504", E, "unresolved merge conflict",
         "keep one side between the <<<<<<< and >>>>>>> lines (renumber one of two new cases), then git add the file"),
    # 7xx: writing records (kvk org, kvk meeting): the command stops, nothing is written
    Code("KVK701", E, "record changed on disk since kvk read it",
         N_("someone changed the file while kvk worked on it (an editor, a hand edit): run the command again, "
         "it reads the file as it is now")),
    Code("KVK702", E, "already recorded; not overwritten",
         N_("kvk never replaces what a record holds unless told: see the command's --force, or change it by hand")),
    Code("KVK703", E, "the meeting's record is not minutes yet",
         N_("after the meeting, make its record minutes first: kvk meeting status MEETING moeteprotokoll")),
    # 6xx: publishing (kvk export, kvk site)
    Code("KVK600", E, "kvk.yaml has no organisasjonsnummer; the messages need their sender",
         "add 'organisasjonsnummer: \"974760673\"' to kvk.yaml: the municipality's nine digits in Enhetsregisteret"),
    Code("KVK601", E, "kvk.yaml has no kommunenummer; the messages need their sender",
         "add 'kommunenummer: \"0301\"' to kvk.yaml: the municipality's four digits, in quotes"),
    Code("KVK602", E, "a message does not fit the published KS Fiks schema; nothing was written",
         "this is a bug in kvk's export: please report it with the message and the schema path"),
    Code("KVK603", E, "the repository has errors; nothing was published",
         "run 'kvk check' and fix the errors first: a public export is made whole or not at all"),
    Code("KVK604", E, "the output folder is not kvk's to replace",
         "give a new folder, an empty one, or one kvk wrote before (it holds .kvk-publish)"),
    # 7xx, added after the rest: writing records
    Code("KVK704", E, "still referred to by records; not removed",
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
        return cls(path=path, line=line, col=col, code=code, message=message or spec.title,
                   hint=spec.hint if hint is None else hint, severity=spec.severity)

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
    from .i18n import _

    if hint is None and CODES[code].hint:  # the catalogue's hint, translated where it is marked
        hint = _(CODES[code].hint)
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
            out.append(f"| {code} | {spec.severity.value} | {cell(spec.title)} | {cell(spec.hint)} |\n")
    return "".join(out)
