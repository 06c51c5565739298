"""Fixtures for rendering tests, and the --update-goldens switch.

Regenerate every golden file after an intended change of the templates or labels with

    .venv/bin/python -m pytest tests/render --update-goldens

then read the diff (git diff tests/render/goldens) before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDENS = HERE / "goldens"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite tests/render/goldens from the current templates")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture
def fjordvik(tmp_path: Path) -> Path:
    """A copy of the made-up political meeting repository (PS items, votes, a closed item)."""
    target = tmp_path / "fjordvik"
    shutil.copytree(FIXTURES / "fjordvik", target)
    return target
