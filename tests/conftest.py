"""Shared fixtures: temporary records repositories built inline, and the CLI runner."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


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
