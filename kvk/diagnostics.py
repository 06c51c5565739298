"""Findings about records, shaped like compiler messages.

Every problem kvk finds in a record becomes a :class:`Diagnostic` with a stable code from
:data:`CODES`. Codes never change meaning once released: scripts and CI filters rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


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


E, W = Severity.ERROR, Severity.WARNING

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
    Code("KVK012", W, "file is not in a record folder", "records live under data/saker, data/moter, data/indikatorer or data/organisasjon.yaml"),
    Code("KVK013", E, "bad kvk.yaml", ""),
    # 1xx: the record does not fit its model
    Code("KVK101", E, "required field missing", ""),
    Code("KVK102", E, "unknown field", ""),
    Code("KVK103", E, "invalid value", ""),
    Code("KVK104", E, "invalid date", "write dates as 2009-10-30 or 30.10.2009"),
    Code("KVK105", E, "invalid time", "write times as 13:15 or 13.15"),
    Code("KVK106", E, "invalid period", "periods are 2009, 2009-S1, 2009-T2, 2009-Q3, 2009-M03 or 2009-W05"),
    Code("KVK107", E, "invalid case number", "a saksnr is year/sequence, e.g. 2008/628"),
    Code("KVK108", E, "invalid number", "use a dot as decimal separator: 9.0, not 9,0"),
    Code("KVK109", E, "invalid skjerming markup", "mark exempt text as [[skjermet hjemmel=\"offl. § 13\"]]…[[/skjermet]]"),
    Code("KVK110", E, "inconsistent record", ""),
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

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: {self.severity.value} {self.code} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def to_json(self) -> dict:
        return {
            "path": self.path, "line": self.line, "column": self.col,
            "severity": self.severity.value, "code": self.code,
            "message": self.message, "hint": self.hint,
        }


class KvkError(Exception):
    """An expected failure that stops a command: usage or I/O, never a bug."""

    exit_code = 2


class RecordError(Exception):
    """A record could not be loaded; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic
