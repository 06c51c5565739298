"""No exempt text reaches any published file, whatever it says and wherever the records put it:
a random secret is written into the places a record can screen (a [[skjermet]] span in an
item's text, a section of a case, a screened title, decision, proposal and vote, an internal
reason for absence), and every exported file and every page of the site is searched for it."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kvk.publish import site as site_module
from kvk.publish.export import export
from kvk.publish.site import build
from kvk.repository import Repository

from .conftest import copy_repo, sources

MEETING = "data/moter/2009/2009-04-23-formannskapet.yaml"
CASE = "data/saker/2009/2009-0103.yaml"
SECRET = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=8, max_size=20)
PLACES = ("span_item", "span_case", "title", "vedtak", "forslag", "forfall")


def plant(root, secret: str, places: set[str]) -> None:
    meeting = root / MEETING
    text = meeting.read_text(encoding="utf-8")
    if "span_item" in places:
        text = text.replace("    droefting:\n      - Fraværet",
                            f'    tekst: Innledning [[skjermet hjemmel="offl. § 13"]]{secret}[[/skjermet]] slutt.\n'
                            "    droefting:\n      - Fraværet", 1)
    if "forfall" in places:
        text = text.replace("forfall_grunn: Sykdom", f"forfall_grunn: {secret}", 1)
    screened = [f for f, p in (("tittel", "title"), ("vedtak", "vedtak"), ("forslag", "forslag")) if p in places]
    if screened:
        # the secret only in the fields the item screens; the others say something public
        said = {f: (secret if f in screened else "offentlig") for f in ("tittel", "vedtak", "forslag")}
        item = f"""  - nr: 45/09
    type: PS
    tittel: Personalsak {said["tittel"]}
    offentlig_tittel: Personalsak
    skjerming:
      hjemmel: offl. § 25
      felt: [{", ".join(screened)}]
    forslag:
      - {{id: f1, fremmet_av: gunn-moen, tekst: "Forslag {said["forslag"]}"}}
    votering:
      - over: f1
        resultat: falt
        for: 1
        mot: 1
        stemmer:
          - {{person: gunn-moen, stemme: ja}}
          - {{person: randi-aasen, stemme: nei}}
    vedtak: Vedtak {said["vedtak"]}
"""
        text = text.replace("signatur:\n", item + "signatur:\n", 1)
    meeting.write_text(text, encoding="utf-8")
    if "span_case" in places:
        case = root / CASE
        case.write_text(case.read_text(encoding="utf-8").replace(
            "tekst: Grunneieren har tilbudt kommunen tomten for kr 800 000.",
            f'tekst: Grunneieren [[skjermet hjemmel="offl. § 23"]]{secret}[[/skjermet]] har tilbudt tomten.', 1),
            encoding="utf-8")


def everything(folder) -> str:
    parts = []
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            text = p.read_bytes().decode("utf-8", errors="replace")
            if p.suffix == ".ics":
                text = text.replace("\r\n ", "")  # RFC 5545 folds long lines
            parts.append(text)
    return "\n".join(parts)


@pytest.fixture
def no_pagefind(monkeypatch):
    # Pagefind's index is made from the pages checked here; leaving it out keeps each example short
    monkeypatch.setattr(site_module, "pagefind", lambda folder: {})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=SECRET, places=st.sets(st.sampled_from(PLACES), min_size=1))
def test_a_screened_secret_is_in_no_published_file(tmp_path_factory, no_pagefind, secret, places):
    work = tmp_path_factory.mktemp("leak")
    root = copy_repo(sources()["kommune"], work / "r")
    plant(root, secret, places)
    repo = Repository.open(root)
    export(repo, "alt", work / "data")
    build(repo, work / "site")
    assert (work / "site/moter/2009-04-23-formannskapet.html").is_file()
    for folder in ("data", "site"):
        assert secret not in everything(work / folder), (folder, places)
    shutil.rmtree(work)


def test_the_planted_secrets_are_really_in_the_records(tmp_path):
    """The test above would pass vacuously if plant() put nothing in: the internal rendering shows it."""
    from kvk.render import Options, render_minutes

    root = copy_repo(sources()["kommune"], tmp_path / "r")
    plant(root, "Hemmeligord", set(PLACES) - {"span_case"})
    internal = render_minutes(Repository.open(root), "2009-04-23-formannskapet", Options(fmt="md"))
    assert internal.count("Hemmeligord") >= 4


# --- the records the security leak test draws from the models ---------------------------------

def test_no_model_drawn_secret_in_any_published_file():
    """tests/security's generator fills every field of every record model and plants a secret in
    every skjermet place; nothing of it may reach an exported file or a page of the site."""
    from tests.security.test_leaks import SETTINGS, worlds

    # the drawn records grow with the models: the generator's first example is large by design
    health = [*SETTINGS["suppress_health_check"], HealthCheck.large_base_example]
    @settings(max_examples=6, **{**SETTINGS, "suppress_health_check": health})  # each example builds every export and the whole site
    @given(world=worlds())
    def check(world):
        import tempfile
        from pathlib import Path

        import yaml

        from kvk.publish import site as site_pages
        from kvk.publish.export import files
        from kvk.publish.source import published
        from kvk.repository import Broken, Scope

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "kvk.yaml").write_text('organisasjon: Fjordvik kommune\norganisasjonsnummer: "974760673"\n'
                                           'kommunenummer: "5014"\n', encoding="utf-8")
            for rel, model in world.files().items():
                path = root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(yaml.safe_dump(model.model_dump(mode="json", by_alias=True, exclude_none=True,
                                                                exclude_defaults=True),
                                               allow_unicode=True, sort_keys=False), encoding="utf-8")
            repo = Repository.open(root)
            # the drawn records are valid one by one but need not pass every rule across records:
            # published() is what public_records() gives after the check
            pub = published(root, repo.config, repo.load(Scope.everything(), on_broken=Broken.FAIL).index())
            made = {rel: data.decode("utf-8") if isinstance(data, bytes) else data
                    for rel, data in files(pub, "alt").items()}
            pages, search = site_pages.pages(repo, pub)
            made.update({rel: text if isinstance(text, str) else text.decode("utf-8") for rel, text in pages.items()})
            made["sok-indeks.js"] = site_pages.search_index(search)
            made = {rel: text.replace("\r\n ", "") for rel, text in made.items()}  # unfold iCalendar lines
            # a secret planted as the name of a person or body that a skjermet place refers to
            # ('Sak.saksbehandler->…') is a secret in that place's document; the organisation's
            # people and bodies are published as such (members of a body, the list of bodies),
            # so here only the other secrets count; the documents' own test holds those names
            leaked = [f"{secret} ({where}) in {rel}" for rel, text in made.items()
                      for secret, where in world.secrets.items() if "->" not in where and secret in text]
            assert leaked == []
            assert any(rel.startswith("fiks/vedtak/") or rel.startswith("fiks/utvalgssaker/") for rel in made)

    check()
