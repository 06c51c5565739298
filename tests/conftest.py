"""Shared fixtures: temporary records repositories built inline, and the CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The suite speaks English (the catalogues' msgids): the behaviour under test stays what
    it was written for, and subprocesses inherit it. Norwegian is tested explicitly
    (tests/test_i18n.py; a test that sets KVK_LANG itself wins)."""
    from kvk import i18n

    monkeypatch.setenv("KVK_LANG", "en")
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create files from {relative path: dedented text}."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def seed_repo(tmp_path: Path) -> Path:
    """A copy of the product's own data repository, safe to modify."""
    shutil.copy(ROOT / "kvk.yaml", tmp_path / "kvk.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def on_ci() -> bool:
    """CI (.ci/run, GitHub Actions and most others set CI=true): there a test that cannot run
    because the machine lacks something is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs(reason: str) -> None:
    """Skip the calling test for ``reason``; on CI, fail it: CI must run every test."""
    if on_ci():
        pytest.fail(f"CI must run this test, but {reason}", pytrace=False)
    pytest.skip(reason)


def require_pdf():
    """The PDF stack (the ``pdf`` extra and Pango from the system) and pypdf, or skip; on CI, where
    .ci/run installs Pango with apt, a missing piece fails the test instead."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        needs("WeasyPrint is not installed (pip install -e '.[test]' brings it)")
    except OSError as err:  # the package is there, Pango is not
        needs(f"WeasyPrint cannot load Pango ({err}); .ci/run shows the apt packages")
    try:
        import pypdf
    except ImportError:
        needs("pypdf is not installed (pip install -e '.[test]' brings it)")
    return pypdf
