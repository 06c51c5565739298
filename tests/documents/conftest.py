"""Fixtures for the issue-16 document tests: Fjordvik (the rendering tests' made-up
municipality) with a letterhead in kvk.yaml and a coat of arms in the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FJORDVIK = HERE.parent / "render" / "fixtures" / "fjordvik"
MEETING = "2009-11-18-formannskapet"
MEETING_FILE = "data/moter/2009/2009-11-18-formannskapet.yaml"
CASE = "2009/512"

BREVARK = """
brevark:
  logo: maler/fjordvik-vapen.svg
  adresse: [Rådhusgata 1, 7100 Fjordvik]
  telefon: 72 00 00 00
  epost: postmottak@fjordvik.kommune.no
organisasjonsnummer: "974760673"
"""


@pytest.fixture
def kommune(tmp_path: Path) -> Path:
    target = tmp_path / "fjordvik"
    shutil.copytree(FJORDVIK, target)
    (target / "maler").mkdir()
    shutil.copy(HERE / "fixtures" / "fjordvik-vapen.svg", target / "maler" / "fjordvik-vapen.svg")
    with (target / "kvk.yaml").open("a", encoding="utf-8") as f:
        f.write(BREVARK)
    return target


def set_status(repo: Path, status: str) -> None:
    """Give the Fjordvik minutes a protokollstatus."""
    path = repo / MEETING_FILE
    extra = "protokollstatus: {status: utkast}\n" if status == "utkast" else \
        "protokollstatus: {status: godkjent, dato: 2009-12-02}\n"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
