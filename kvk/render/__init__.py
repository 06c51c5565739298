"""Rendering records into documents: the saksframlegg, the møteinnkalling with sakskart, and the
referat / møteprotokoll, in Markdown, HTML or PDF, bokmål or nynorsk, internal or public.

    records -> view model (view.py, redaction in redact.py) -> Jinja (environment.py) -> text

Only the records a document needs are loaded: the organisation file, the record itself and, for
a meeting, the cases on its agenda.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, KvkError

#: document kind -> template stem (the file is <stem>.<md|html>.j2)
DOCUMENTS = {"case": "saksframlegg", "agenda": "innkalling", "minutes": "protokoll"}
_MEETING_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Options:
    fmt: str = "md"  # md | html | pdf
    maalform: str | None = None  # None: the record's, then kvk.yaml's
    public: bool = False


class Renderer:
    """Renders documents of one repository; keeps one Jinja environment per format and målform."""

    def __init__(self, root: Path, config: Any):
        self.root = root
        self.config = config
        self._envs: dict[tuple[str, str], Any] = {}

    def environment(self, fmt: str, maalform: str):
        from .environment import make_environment

        key = (fmt, maalform)
        if key not in self._envs:
            self._envs[key] = make_environment(fmt, maalform, self.root / "templates")
        return self._envs[key]

    def render(self, kind: str, model: Any, index: Any, options: Options) -> str | bytes:
        from . import view as views
        from .environment import render_template

        maalform = options.maalform or getattr(model, "maalform", None) or self.config.maalform
        ctx = views.Context(index=index, organisasjon=self.config.organisasjon,
                            innstilling_plassering=self.config.innstilling_plassering,
                            maalform=maalform, public=options.public)
        build = {"case": views.case_view, "agenda": views.agenda_view, "minutes": views.minutes_view}[kind]
        doc = build(model, ctx)
        text_fmt = "html" if options.fmt == "pdf" else options.fmt
        env = self.environment(text_fmt, maalform)
        text = render_template(env, f"{DOCUMENTS[kind]}.{text_fmt}.j2", self.root,
                               doc=doc, public=options.public)
        if text_fmt == "md":
            text = tidy_markdown(text)
        if options.fmt == "pdf":
            from .pdf import html_to_pdf

            return html_to_pdf(text)
        return text


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline: templates can then
    be written for readability without fighting Jinja's whitespace."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


# --- loading what a document needs ------------------------------------------------------------

def _load(repo: Any, rels: list[str]) -> Any:
    """Load these files (those that exist) and return an Index; a record with errors stops here."""
    from ..repository import Index

    paths = [repo.root / rel for rel in rels if (repo.root / rel).is_file()]
    loaded = repo.load(paths=paths, jobs=1) if paths else None
    if loaded is None:
        return Index([])
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KvkError(Diagnostic.make("KVK308", first.path, first.line, first.col,
                                       f"cannot render: {first.code} {first.message}{more}").format())
    return Index(loaded.records)


def _organisation_files(repo: Any) -> list[str]:
    from ..repository import DATA

    files = [f"{DATA}/organisasjon.yaml"]
    folder = repo.root / DATA / "organisasjon"
    if folder.is_dir():
        files += sorted(p.relative_to(repo.root).as_posix() for p in folder.rglob("*.y*ml"))
    return files


def load_case(repo: Any, saksnr: str) -> tuple[Any, Any]:
    """(Sak, Index) for ``saksnr``; KvkError KVK301 when there is no such case."""
    from pydantic_core import PydanticCustomError

    from ..models.common import parse_saksnr
    from ..repository import expected_case_path

    try:
        saksnr = parse_saksnr(saksnr)
    except PydanticCustomError as err:
        raise KvkError(Diagnostic.make("KVK301", "<command line>", 0, 0, str(err)).format()) from None
    rel = expected_case_path(saksnr)
    if not (repo.root / rel).is_file():
        raise KvkError(Diagnostic.make("KVK301", rel, 0, 0, f"unknown case {saksnr}: no file {rel}").format())
    index = _load(repo, [*_organisation_files(repo), rel])
    sak = index.case(saksnr)
    if sak is None:
        raise KvkError(Diagnostic.make("KVK301", rel, 0, 0, f"{rel} does not hold case {saksnr}").format())
    return sak, index


def load_meeting(repo: Any, meeting_id: str) -> tuple[Any, Any]:
    """(Moete, Index with the cases on its agenda); KvkError KVK302 when there is no such meeting."""
    from ..repository import Index, expected_case_path, expected_meeting_path

    if not _MEETING_ID.match(meeting_id):
        raise KvkError(Diagnostic.make(
            "KVK302", "<command line>", 0, 0,
            f"'{meeting_id}' is not a meeting id (date and utvalg id, e.g. 2009-10-30-styringsgruppa)").format())
    rel = expected_meeting_path(meeting_id)
    if not (repo.root / rel).is_file():
        raise KvkError(Diagnostic.make("KVK302", rel, 0, 0,
                                       f"unknown meeting {meeting_id}: no file {rel}").format())
    index = _load(repo, [*_organisation_files(repo), rel])
    moete = index.meeting(meeting_id)
    if moete is None:
        raise KvkError(Diagnostic.make("KVK302", rel, 0, 0, f"{rel} does not hold meeting {meeting_id}").format())
    cases = sorted({expected_case_path(p.sak) for p in moete.saker if p.sak})
    if cases:
        index = Index(index.records + _load(repo, cases).records)
    return moete, index


def render_case(repo: Any, saksnr: str, options: Options = Options()) -> str | bytes:
    sak, index = load_case(repo, saksnr)
    return Renderer(repo.root, repo.config).render("case", sak, index, options)


def render_agenda(repo: Any, meeting_id: str, options: Options = Options()) -> str | bytes:
    moete, index = load_meeting(repo, meeting_id)
    return Renderer(repo.root, repo.config).render("agenda", moete, index, options)


def render_minutes(repo: Any, meeting_id: str, options: Options = Options()) -> str | bytes:
    moete, index = load_meeting(repo, meeting_id)
    return Renderer(repo.root, repo.config).render("minutes", moete, index, options)
