"""Every document, format and målform compared with its golden file.

Regenerate with ``.venv/bin/python -m pytest tests/render --update-goldens`` and review the diff.
"""

from __future__ import annotations

import difflib

import pytest

from kvk.render import Options, render_agenda, render_case, render_minutes
from kvk.repository import Repository

from ..conftest import ROOT
from .conftest import FIXTURES, GOLDENS

RENDER = {"case": render_case, "agenda": render_agenda, "minutes": render_minutes}
REPOS = {"seed": ROOT, "fjordvik": FIXTURES / "fjordvik", "fjellbygd": FIXTURES / "fjellbygd"}

DOCUMENTS = [
    ("seed", "case", "2008/1001"),
    ("seed", "minutes", "2009-10-30-styringsgruppa"),
    ("seed", "agenda", "2009-10-30-styringsgruppa"),
    ("fjordvik", "case", "2009/512"),
    ("fjordvik", "case", "2009/530"),
    ("fjordvik", "agenda", "2009-11-18-formannskapet"),
    ("fjordvik", "minutes", "2009-11-18-formannskapet"),
    # the 'tabell' preset with overrides: attendance tables, head count, party votes, tilråding
    ("fjellbygd", "agenda", "2014-03-12-formannskapet"),
    ("fjellbygd", "minutes", "2014-03-12-formannskapet"),
]
CASES = [(repo, kind, ident, fmt, maalform, False)
         for repo, kind, ident in DOCUMENTS for fmt in ("md", "html") for maalform in ("nb", "nn")]
# the public variant of the documents that have something to hide
CASES += [(repo, kind, ident, fmt, maalform, True)
          for repo, kind, ident in DOCUMENTS[3:] for fmt in ("md", "html") for maalform in ("nb", "nn")]


def golden_name(repo: str, kind: str, ident: str, fmt: str, maalform: str, public: bool) -> str:
    variant = ".public" if public else ""
    return f"{repo}-{kind}-{ident.replace('/', '-')}.{maalform}{variant}.{fmt}"


@pytest.mark.parametrize("repo,kind,ident,fmt,maalform,public", CASES,
                         ids=[golden_name(*c) for c in CASES])
def test_golden(repo, kind, ident, fmt, maalform, public, update_goldens):
    repository = Repository.open(explicit=str(REPOS[repo]))
    text = RENDER[kind](repository, ident, Options(fmt=fmt, maalform=maalform, public=public))
    path = GOLDENS / golden_name(repo, kind, ident, fmt, maalform, public)
    if update_goldens:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}; run pytest tests/render --update-goldens"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"golden/{path.name}", "rendered"))
        pytest.fail(f"{path.name} differs from the rendering:\n{diff}")


@pytest.mark.parametrize("name", ["fjordvik", "fjellbygd"])
def test_the_fixture_repository_passes_kvk_check(runner, name):
    from kvk.cli import app

    result = runner.invoke(app, ["check", "--repo", str(FIXTURES / name), "--no-cache"])
    assert result.exit_code == 0, result.output
