"""docs/rendering.md lists every name a template can use: the view of every test document, in
both variants, is walked and each name it holds must have a row in "The view model"."""

from __future__ import annotations

import re

import pytest

from kvk.render import load_case, load_meeting
from kvk.render import view as views
from kvk.render.people import Person
from kvk.render.profile import Profile
from kvk.repository import Repository

from ..conftest import ROOT
from .conftest import FIXTURES
from .test_goldens import DOCUMENTS, REPOS

#: lists whose entries are the objects the table names by one letter
OBJECTS = {"doc.saker[]": "s", "doc.behandlinger[]": "b", "s.votering[]": "v", "b.votering[]": "v",
           "s.forslag[]": "f", "b.forslag[]": "f", "doc.grupper[]": "g", "s.underpunkter[]": "u",
           "u.underpunkter[]": "u", "doc.saksliste.grupper[].saker[]": "s"}
SIDES = re.compile(r"^(v\.(?:partier|stemmer))\.(?:ja|nei|blankt)")


def _walk(value, path: str, out: set[str]) -> None:
    if isinstance(value, Person):
        path = "p"
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}"
            out.add(SIDES.sub(r"\1.<side>", name))
            _walk(item, name, out)
    elif isinstance(value, list):
        inner = OBJECTS.get(path + "[]", path + "[]")
        for item in value:
            _walk(item, inner, out)


def view_names() -> set[str]:
    found: set[str] = set()
    build = {"case": views.case_view, "agenda": views.agenda_view, "minutes": views.minutes_view}
    for repo_name, kind, ident in DOCUMENTS:
        repo = Repository.open(explicit=str(REPOS[repo_name]))
        model, index = (load_case if kind == "case" else load_meeting)(repo, ident)
        for public in (False, True):
            ctx = views.Context(index=index, organisasjon=repo.config.organisasjon, public=public,
                                profile=Profile.of(repo.config))
            _walk(build[kind](model, ctx), "doc", found)
    return found


def documented_names() -> set[str]:
    text = (ROOT / "docs" / "rendering.md").read_text(encoding="utf-8")
    section = text[text.index("## The view model"):]
    section = section[:section.index("\n## ", 5)]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first = line.split(" | ")[0]
            names |= set(re.findall(r"`([^`]+)`", first))
    return names


def test_every_name_of_the_view_has_a_row_in_docs_rendering():
    missing = sorted(view_names() - documented_names())
    assert not missing, "names in the view model without a row in docs/rendering.md: " + ", ".join(missing)


def test_the_table_names_only_known_objects():
    roots = {name.split(".")[0] for name in documented_names()}
    assert roots <= {"doc", "p", "s", "u", "b", "f", "v", "g"}, roots


@pytest.mark.parametrize("name", ["doc.grupper", "p.parti", "v.partier.<side>", "s.overskrift"])
def test_the_walk_finds_the_new_structured_names(name):
    # the walk itself must see the structured view, or the first test would pass on nothing
    assert name in view_names()
