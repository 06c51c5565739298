"""kvk site without a browser: what is on the pages, what never is, and how a rebuild and a
failed build behave."""

from __future__ import annotations

import gzip
import json

import pytest

from kvk.cli import app
from kvk.publish import output
from kvk.publish.site import build
from kvk.repository import Repository

from .conftest import SECRETS, copy_repo, sources, publishable

MEETING = "data/moter/2009/2009-04-23-formannskapet.yaml"


def pages_text(site) -> str:
    """Every text file of the site, and Pagefind's compressed fragments unpacked."""
    parts = []
    for p in sorted(site.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if p.suffix == ".pf_fragment":
            data = gzip.decompress(data)
        elif p.suffix in (".pagefind", ".pf_index", ".pf_meta"):
            continue  # binary search structures of words, made from the pages above
        parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


@pytest.mark.parametrize("name", publishable())
def test_no_exempt_text_on_any_page(name, tmp_path):
    root = copy_repo(sources()[name], tmp_path / "r")
    build(Repository.open(root), tmp_path / "site")
    text = pages_text(tmp_path / "site")
    for secret in SECRETS:
        assert secret not in text
    assert (tmp_path / "site/index.html").is_file() and (tmp_path / "site/sok-indeks.js").is_file()


def test_the_site_command(runner, kommune, tmp_path):
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "site"), "--repo", str(kommune), "--format", "json"])
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["written"]
    for rel in ("index.html", "moter/index.html", "moter/2009-04-23-formannskapet.html",
                "moter/2009-04-23-formannskapet/innkalling.html", "moter/2009-04-23-formannskapet/protokoll.html",
                "saker/2009-0101.html", "saker/2009-0101/saksframlegg.html", "utvalg/formannskapet.html",
                "partier.html", "styringskort.html", "sok.html", "kalender/alle.ics", "protokoller.atom",
                "popolo.json"):
        assert rel in written


def test_the_documents_are_kvks_public_renderings(kommune, tmp_path):
    from kvk.render import Options, render_minutes

    build(Repository.open(kommune), tmp_path / "site")
    public = render_minutes(Repository.open(kommune), "2009-04-23-formannskapet", Options(fmt="html", public=True))
    assert (tmp_path / "site/moter/2009-04-23-formannskapet/protokoll.html").read_text(encoding="utf-8") == public


def test_party_votes_page(kommune, tmp_path):
    build(Repository.open(kommune), tmp_path / "site")
    html = (tmp_path / "site/partier.html").read_text(encoding="utf-8")
    assert '<tr><th scope="row">FrP</th><td>0</td><td>1</td><td>0</td></tr>' in html
    assert '<tr><th scope="row">Ap</th><td>2</td><td>0</td><td>0</td></tr>' in html


def draft(root):
    path = root / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("status: godkjent\n  dato: 07.05.2009", "status: utkast"),
                    encoding="utf-8")


def test_draft_minutes_are_never_on_the_site(kommune, tmp_path):
    draft(kommune)
    result = build(Repository.open(kommune), tmp_path / "site")
    site = tmp_path / "site"
    assert result.drafts == ["2009-04-23-formannskapet"]
    assert not (site / "moter/2009-04-23-formannskapet/protokoll.html").exists()
    assert (site / "moter/2009-04-23-formannskapet/innkalling.html").exists()  # the innkalling is public
    page = (site / "moter/2009-04-23-formannskapet.html").read_text(encoding="utf-8")
    assert "Protokollen er ikke godkjent ennå." in page
    assert "fratrådte" not in pages_text(site)  # a word only the minutes have
    assert '<p class="etikett">Vedtak</p>' not in page  # no decision from a draft (the innstilling is there)


def test_nynorsk(kommune, tmp_path):
    (kommune / "kvk.yaml").write_text((kommune / "kvk.yaml").read_text(encoding="utf-8").replace("maalform: nb", "maalform: nn"),
                                      encoding="utf-8")
    build(Repository.open(kommune), tmp_path / "site")
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in index and "Framside" in index and "Slik røysta partia" in index
    assert "Hopp til innhaldet" in index


def test_a_rebuild_after_one_changed_record_rewrites_only_what_depends_on_it(kommune, tmp_path):
    site = tmp_path / "site"
    build(Repository.open(kommune), site)
    inodes = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    case = kommune / "data/saker/2009/2009-0103.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("tomten for kr 800 000.", "tomten for kr 850 000."), encoding="utf-8")
    result = build(Repository.open(kommune), site)
    # the case's own page and document, the search indexes; not the meetings, bodies or feeds
    pages = [r for r in result.written if not r.startswith("pagefind/")]
    assert pages == ["saker/2009-0103/saksframlegg.html", "sok-indeks.js"]
    for rel in result.unchanged:
        assert (site / rel).stat().st_ino == inodes[rel], rel


def test_a_failed_build_leaves_the_previous_site(kommune, tmp_path):
    site = tmp_path / "site"
    build(Repository.open(kommune), site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    broken = kommune / "templates/site"
    broken.mkdir(parents=True)
    (broken / "sak.html.j2").write_text("{% extends 'site/base.html.j2' %}{% block content %}{{ nope }}{% endblock %}",
                                        encoding="utf-8")
    from kvk.diagnostics import TemplateError

    with pytest.raises(TemplateError):
        build(Repository.open(kommune), site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kommune", "site"]


def test_a_repository_with_errors_builds_no_site(runner, kommune, tmp_path):
    path = kommune / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("person: eli-fossum", "person: eli-fosum", 1),
                    encoding="utf-8")
    result = runner.invoke(app, ["site", "-o", str(tmp_path / "site"), "--repo", str(kommune)])
    assert result.exit_code == 1 and "KVK603" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_site_folder_is_marked_and_readable(kommune, tmp_path):
    build(Repository.open(kommune), tmp_path / "site")
    assert (tmp_path / "site" / output.MARKER).is_file()
    assert (tmp_path / "site").stat().st_mode & 0o755 == 0o755
