"""Rendering records into documents: the saksframlegg, the møteinnkalling with sakskart, and the
referat / møteprotokoll, in Markdown, HTML or PDF, bokmål or nynorsk, internal or public.

    records -> (public: redacted records, redact.py) -> view model (view.py) -> Jinja
    (environment.py) -> text

Only the records a document needs are loaded: the organisation file, the record itself and, for
a meeting, the cases on its agenda.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import layout
from ..diagnostics import BrokenRecords, Diagnostic, KvkError, UsageError
from ..repository import Broken, Index, Scope

#: document kind -> template stem (the file is <stem>.<md|html>.j2)
DOCUMENTS = {"case": "saksframlegg", "agenda": "innkalling", "minutes": "protokoll"}


@dataclass(frozen=True)
class Options:
    fmt: str = "md"  # md | html | pdf | docx
    maalform: str | None = None  # None: the record's, then kvk.yaml's
    public: bool = False


class Renderer:
    """Renders documents of one repository; keeps one Jinja environment per format and målform."""

    def __init__(self, root: Path, config: Any):
        from .profile import Profiles

        self.root = root
        self.config = config
        self.profiles = Profiles(config, root)
        self.profile = self.profiles.main
        self._envs: dict[tuple[str, str, str | None], Any] = {}
        self._logo: tuple[str, bytes] | None | bool = False  # False: not read yet

    def logo(self) -> tuple[str, bytes] | None:
        """kvk.yaml's brevark.logo, read and checked once (KVK316/KVK317 when it cannot be used)."""
        if self._logo is False:
            from .letterhead import read_logo

            rel = self.config.brevark.logo
            self._logo = read_logo(self.root, rel) if rel else None
        return self._logo  # type: ignore[return-value]

    def frame(self, kind: str, model: Any, index: Any, doc: dict, maalform: str, public: bool,
              profile: Any = None) -> dict:
        """The letterhead and page frame (``brev`` in the templates); the cases of a meeting's
        agenda count when the internal copy asks whether it holds exempt parts."""
        from .letterhead import frame

        profile = profile or self.profile
        related = [r.model for r in index.records if r.kind == layout.SAK and r.model is not model]
        return frame(self.config, kind, model, doc, lambda key, **v: profile.t(key, maalform, **v),
                     public=public, logo=self.logo(), related=related)

    def environment(self, fmt: str, maalform: str, profile_name: str | None = None):
        """The environment of one format, målform and profile (None: the repository's own; a
        name: one of kvk.yaml's ``profiler``)."""
        from .environment import embedder, make_environment

        key = (fmt, maalform, profile_name)
        if key not in self._envs:
            env = make_environment(fmt, maalform, layout.templates_dir(self.root), self.profiles.get(profile_name))
            env.globals.update(innebygd_dokument=embedder(self.environment, fmt), profil_navn=profile_name)
            self._envs[key] = env
        return self._envs[key]

    def render(self, kind: str, model: Any, index: Any, options: Options) -> str | bytes:
        from . import view as views
        from .environment import render_template

        # a meeting's documents are in its body's profile and målform, when the body names them
        bid = getattr(model, "utvalg", None) if kind in ("agenda", "minutes") else None
        profile_name = self.profiles.name_of(index, bid)
        profile = self.profiles.get(profile_name)
        body = index.body(bid) if bid else None
        maalform = (options.maalform or getattr(model, "maalform", None) or getattr(body, "maalform", None)
                    or self.config.maalform)
        if options.public:
            # the public variant is made from redacted records, before any view sees them
            from .redact import public_index, public_record

            model, index = public_record(model, maalform), public_index(index, maalform)
        ctx = views.Context(index=index, organisasjon=self.config.organisasjon,
                            innstilling_plassering=profile.get("saksframlegg", "innstilling_plassering"),
                            maalform=maalform, public=options.public, profile=profile,
                            profiles=self.profiles, profile_name=profile_name)
        build = {"case": views.case_view, "agenda": views.agenda_view, "minutes": views.minutes_view}[kind]
        doc = build(model, ctx)
        brev = self.frame(kind, model, index, doc, maalform, options.public, profile)
        text_fmt = "html" if options.fmt in ("pdf", "docx") else options.fmt
        env = self.environment(text_fmt, maalform, profile_name)
        text = render_template(env, f"{DOCUMENTS[kind]}.{text_fmt}.j2", self.root,
                               doc=doc, public=options.public, brev=brev)
        if not options.public:
            from .redact import finish

            text = finish(text, text_fmt, maalform)  # each exempt part's visible mark
        if text_fmt == "md":
            text = tidy_markdown(text)
        if options.fmt == "pdf":
            from .pdf import html_to_pdf

            return html_to_pdf(text)
        if options.fmt == "docx":
            return self.docx(text, brev, doc.get("tittel") or "", maalform)
        return text

    def docx(self, html: str, brev: dict, title: str, maalform: str) -> bytes:
        from . import docx
        from .environment import builtin_templates, make_docx_environment

        path, shown = docx.template_path(self.root, self.config, builtin_templates())
        context = docx.docx_context(html, brev, title, lambda key, **v: self.profile.t(key, maalform, **v))
        return docx.fill(path, shown, context, make_docx_environment())


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

def _cannot_render(err: BrokenRecords) -> BrokenRecords:
    return BrokenRecords(err.diagnostics, code="KVK308", what="cannot render: ")


def _load(repo: Any, rels: list[str]) -> Any:
    """Load these files and the organisation, and return an Index; a record with errors stops
    here (a document made without it would be silently wrong)."""
    try:
        return repo.load(Scope.files(rels), on_broken=Broken.FAIL, jobs=1).index()
    except BrokenRecords as err:
        raise _cannot_render(err) from None


def _only_file(files: list[str], what: str, code: str) -> str:
    if len(files) > 1:
        raise KvkError.at(code, files[0], 0, 0, f"{what} is claimed by {' and '.join(files)}; "
                          f"renumber one of them first (kvk renumber-case)")
    return files[0]


def load_case(repo: Any, saksnr: str) -> tuple[Any, Any]:
    """(Sak, Index) for ``saksnr``; KVK301 when there is no such case."""
    from pydantic_core import PydanticCustomError

    from ..models.common import parse_saksnr

    try:
        saksnr = parse_saksnr(saksnr)
    except PydanticCustomError as err:
        raise UsageError.at("KVK301", "<command line>", 0, 0, str(err)) from None
    files = layout.case_files(repo.root, saksnr)
    if not files:
        rel = layout.case_path(saksnr)
        raise UsageError.at("KVK301", rel, 0, 0, f"unknown case {saksnr}: no file {rel} (nor one named "
                            f"{layout.case_path(saksnr, '…')})")
    rel = _only_file(files, f"case {saksnr}", "KVK301")
    index = _load(repo, [rel, *_meetings_treating(repo.root, saksnr, rel)])
    sak = index.case(saksnr)
    if sak is None:
        raise UsageError.at("KVK301", rel, 0, 0, f"{rel} does not hold case {saksnr}")
    return sak, index


def _meetings_treating(root: Path, saksnr: str, case_rel: str) -> list[str]:
    """The meeting files that may treat case ``saksnr``: the vedtak lives in the meeting's item
    (the møtebok is the legal record), and the saksframlegg shows it from there. Only the
    meetings of the bodies in the case's saksgang are looked at, and only those whose text names
    the saksnr are loaded."""
    from ..diagnostics import RecordError
    from ..io.files import read_record_bytes
    from ..io.yaml import load_file

    try:
        case = load_file(root / case_rel, case_rel, root).data
    except Exception:  # the load below reports it with its position
        return []
    bodies = {g.get("utvalg") for g in (case.get("saksgang") or []) if isinstance(g, dict)} \
        if isinstance(case, dict) else set()
    found = []
    for body in sorted(b for b in bodies if isinstance(b, str)):
        for rel in layout.meeting_files(root, body):
            try:
                if saksnr.encode() in read_record_bytes(root / rel, rel, root):
                    found.append(rel)
            except RecordError:
                continue  # a file that cannot be read cannot hold a treatment we could show
    return found


def load_meeting(repo: Any, meeting_id: str) -> tuple[Any, Any]:
    """(Moete, Index with the cases on its agenda); KVK302 when there is no such meeting, and
    KVK308 when a case on the agenda is missing (the document would leave it out)."""
    try:
        rel = layout.meeting_path(meeting_id)  # a dated id, or a meeting's own id (udatert/ without a year)
    except ValueError:
        rel = None
    if rel is None or not (layout.is_meeting_id(meeting_id) or (repo.root / rel).is_file()):
        raise UsageError.at("KVK302", "<command line>", 0, 0,
                            f"'{meeting_id}' is not a meeting id (date and utvalg id, e.g. 2009-10-30-styringsgruppa, "
                            f"or the meeting's own id)")
    if not (repo.root / rel).is_file():
        raise UsageError.at("KVK302", rel, 0, 0, f"unknown meeting {meeting_id}: no file {rel}"
                            f"{layout.closest_meeting(repo.root, meeting_id)}")
    index = _load(repo, [rel])
    moete = index.meeting(meeting_id)
    if moete is None:
        raise UsageError.at("KVK302", rel, 0, 0, f"{rel} does not hold meeting {meeting_id}")
    record = index.meetings[meeting_id][0]
    cases: list[str] = []
    for i, item in enumerate(moete.saker):
        if not item.sak:
            continue
        files = layout.case_files(repo.root, item.sak)
        if not files:
            line, col = record.locate(("saker", i, "sak"))
            missing = Diagnostic.make("KVK205", rel, line, col,
                                      f"agenda item {item.nr or i + 1} refers to case {item.sak}, which does not exist")
            raise _cannot_render(BrokenRecords([missing]))
        cases.append(_only_file(files, f"case {item.sak}", "KVK203"))
    if cases:
        index = Index(index.records + [r for r in _load(repo, sorted(set(cases))).records if r.kind == layout.SAK])
    return moete, _with_attached_meetings(repo, moete, index)


def _with_attached_meetings(repo: Any, moete: Any, index: Any) -> Any:
    """The index and the meetings whose protokoll is a vedlegg of an item or of its case
    (``vedlegg: [{moete: …}]``), with the cases on their agendas: the full sakskart prints them.
    A vedlegg naming a meeting that has no file keeps its title only."""
    wanted: list[str] = []
    for item in moete.saker:
        owners = [item] + ([index.case(item.sak)] if item.sak else [])
        for owner in owners:
            for v in getattr(owner, "vedlegg", None) or []:
                if v.moete and v.moete not in wanted and v.moete not in index.meetings:
                    wanted.append(v.moete)
    rels = []
    for ident in wanted:
        try:
            rel = layout.meeting_path(ident)
        except ValueError:
            continue
        if (repo.root / rel).is_file():
            rels.append(rel)
    if not rels:
        return index
    attached = _load(repo, rels)
    extra = [r for r in attached.records if r.kind == layout.MOETE]
    cases = sorted({f for r in extra for item in r.model.saker if item.sak
                    for f in layout.case_files(repo.root, item.sak)[:1]} - {r.path for r in index.records})
    if cases:
        extra += [r for r in _load(repo, cases).records if r.kind == layout.SAK]
    return Index(index.records + extra)


def render_case(repo: Any, saksnr: str, options: Options = Options()) -> str | bytes:
    sak, index = load_case(repo, saksnr)
    return Renderer(repo.root, repo.config).render("case", sak, index, options)


def render_agenda(repo: Any, meeting_id: str, options: Options = Options()) -> str | bytes:
    moete, index = load_meeting(repo, meeting_id)
    return Renderer(repo.root, repo.config).render("agenda", moete, index, options)


def render_minutes(repo: Any, meeting_id: str, options: Options = Options()) -> str | bytes:
    moete, index = load_meeting(repo, meeting_id)
    return Renderer(repo.root, repo.config).render("minutes", moete, index, options)
