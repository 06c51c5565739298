"""``kvk new-case``: the next saksnr and a case file with every field in place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .. import layout
from ..diagnostics import UsageError
from ..i18n import N_, _, file_language, repository_maalform, translator
from ..io.files import check_writable, write_text
from ..io.lock import write_lock
from ..io.yaml import load_text
from ..models.case import Innstilling, Sak
from ..models.schema import modeline
from ..models.validation import validate
from ..repository import Repository, Scope
from .context import literal_values, parse_choice, require_body, require_person
from .lines import Lines
from .numbering import next_saksnr, slug
from .textedit import scalar

INNSTILLING_FRA = literal_values(Innstilling, "fra")


@dataclass(frozen=True)
class Step:
    """One body in the saksgang, with the date of its meeting if it is known."""

    utvalg: str
    moetedato: date | None = None


@dataclass
class CaseSpec:
    tittel: str
    saksbehandler: str
    saksgang: list[Step]  # the bodies that treat the case, in order
    innstilling_fra: str
    dato: date
    innstilling: str = ""


def case_text(saksnr: str, spec: CaseSpec, rel: str, lang: str = "en") -> str:
    """The new record: required fields from ``spec``, the rest empty with explaining comments
    (in ``lang``)."""
    out = Lines(modeline(rel, "sak"), translator(lang))
    (out.field("saksnr", saksnr, N_("given by kvk new-case; change with kvk renumber-case"))
        .field("vis_saksnr", "ja", N_("nei: the number is not printed"))
        .field("tittel", spec.tittel)
        .field("offentlig_tittel", None, N_("the title in the public journal, if tittel is skjermet"))
        .field("dokumenttype", "saksframlegg", N_("saksframlegg, sakspapir or moetebok"))
        .field("organisasjon", None, N_("letterhead; empty: the body's, then kvk.yaml's"))
        .field("administrativ_enhet", None, N_("the unit that prepared the case"))
        .field("saksbehandler", spec.saksbehandler)
        .field("arkivkode", None)
        .field("dokumentnr", None, N_("the document in the arkivsak: 1 for 2015/40-1"))
        .field("objekt", None, N_("an archive facet printed as Objekt:"))
        .field("dato", spec.dato.isoformat())
        .field("maalform", None, N_("nb or nn; empty: kvk.yaml's default"))
        .field("saksgang", raw="", comment=N_("the bodies that treat the case, in order")))
    for n, step in enumerate(spec.saksgang):
        first = n == 0  # the comments once, at the first body
        (out.field("utvalg", step.utvalg, indent=2, item=True)
            .field("moetedato", step.moetedato.isoformat() if step.moetedato else None,
                   "" if step.moetedato else N_("not known yet"), indent=4)
            .field("utvalgssaksnr", None, N_("given by kvk new-meeting") if first else "", indent=4)
            .field("rolle", None, N_("innstilling, vedtak, uttalelse or orientering") if first else "", indent=4))
    (out.field("avgjoeres_av", None, N_("the body that makes the final decision"))
        .field("vedlegg", raw="[]", comment="- {nr: 1, tittel: …, dato: 2009-10-01}")
        .field("andre_saksdokumenter", raw="[]", comment=N_("documents not attached, one per line"))
        .comment(N_("seksjoner: one per heading; type is bakgrunn, saksopplysninger, vurdering,\n"
                    "oekonomiske_konsekvenser, oppsummering, konklusjon or annet (annet needs an overskrift)"))
        .comment("  - type: bakgrunn", 0)
        .comment("    tekst: |")
        .comment(N_("Text in Markdown."), lead="      ")
        .field("seksjoner", raw="[]")
        .field("innstilling", raw="")
        .field("fra", spec.innstilling_fra, N_("who proposes: raadmann, ordfoerer, utvalg, …"), indent=2)
        .field("type", "innstilling", N_("innstilling, forslag_til_vedtak or tilraading"), indent=2)
        .field("utvalg", None, N_("the body, when fra is utvalg"), indent=2)
        .field("tekst", raw=_text_value(spec.innstilling), comment=N_("the proposed decision"), indent=2)
        .field("klageadgang", None, N_("how and where the decision can be appealed"))
        .field("saksstatus", "under_behandling", N_("under_behandling, avsluttet or utgaar"))
        .field("behandlinger", raw="[]", comment=N_("what each meeting did; filled in after the meetings"))
        .field("indikatorer", raw="[]", comment=N_("ids of indicators the case makes claims about"))
        .field("skjerming", None, N_("exempt from public access: {hjemmel: offl. § 13, felt: [tittel]}")))
    return out.text()


def _text_value(text: str) -> str:
    return scalar(text) if text.strip() else '""'


def new_case(repo: Repository, spec: CaseSpec) -> Path:
    """Allocate the next saksnr of ``spec.dato``'s year and write the case; returns its path."""
    index = repo.load_index(Scope.organisation())
    require_person(index, spec.saksbehandler, "--saksbehandler")
    if not spec.saksgang:
        raise UsageError(_("--utvalg: a case needs a body to treat it"))
    for step in spec.saksgang:
        require_body(index, step.utvalg, "--utvalg")
    spec = replace(spec, innstilling_fra=parse_choice(spec.innstilling_fra, INNSTILLING_FRA, "--innstilling-fra"))
    if not spec.tittel.strip():
        raise UsageError(_("--tittel: a case needs a title"))
    with write_lock(repo.root, "kvk new-case"):
        # the number is read under the lock: a second new-case waits and takes the next one
        saksnr = next_saksnr(repo.root, spec.dato.year)
        rel = layout.case_path(saksnr, slug(spec.tittel))
        path = repo.root / rel
        check_writable(path.parent, repo.root)
        text = case_text(saksnr, spec, rel, file_language(repository_maalform({}, repo.root)))
        _must_validate(text, rel)
        write_text(path, text, root=repo.root)
    return path


def _must_validate(text: str, rel: str) -> None:
    """A file kvk writes must load and validate; anything else is a kvk bug (exit 70), and it
    is better to say so than to write a broken record."""
    model, diags = validate(Sak, load_text(text, rel))
    if model is None:
        raise AssertionError(f"the new case would not validate: {diags[0].format()}")
