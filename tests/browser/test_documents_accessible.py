"""The HTML documents pass axe-core in a real headless Chromium with no serious or critical
violation (issue 16): bokmål and nynorsk, internal and public, with a logo and a draft mark."""

from __future__ import annotations

import pytest

from kvk.cli import app

from ..conftest import ROOT
from ..documents.conftest import CASE, MEETING, kommune, set_status  # noqa: F401 (kommune: a fixture)
from .axe import violations

SEED_MEETING = "2009-10-30-styringsgruppa"


def _html(runner, repo, *args) -> str:
    result = runner.invoke(app, [*args, "--format", "html", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", [
    ("render-minutes", MEETING), ("render-minutes", MEETING, "--public", "--maalform", "nn"),
    ("render-agenda", MEETING), ("render-case", CASE), ("render-case", "2009/530", "--public"),
])
def test_fjordvik_documents(runner, kommune, args):
    set_status(kommune, "utkast")
    assert violations(_html(runner, kommune, *args)) == []


@pytest.mark.parametrize("args", [("render-case", "2008/1001"), ("render-minutes", SEED_MEETING),
                                  ("render-agenda", SEED_MEETING)])
def test_seed_documents(runner, args):
    assert violations(_html(runner, ROOT, *args)) == []


def test_axe_finds_a_violation():
    """The check is real: an image without alt text and a page without lang are found."""
    found = violations('<!DOCTYPE html><html><head><title>x</title></head><body>'
                       '<img src="data:image/png;base64,iVBORw0KGgo="></body></html>')
    assert "image-alt" in [v["id"] for v in found]
