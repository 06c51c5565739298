"""Repositories to publish: the product's data/, the fixture municipality and the corpus
records (once issue 13 writes them), each copied and given a sender in kvk.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT

ORGNR = "974760673"  # a real organisasjonsnummer with a valid check digit (Oslo kommune)
KOMMUNENR = "5014"


def sources() -> dict[str, Path]:
    found = {"data": ROOT, "kommune": ROOT / "tests" / "fixtures" / "kommune"}
    for config in sorted((ROOT / "tests" / "corpus").glob("*/kvk.yaml")):
        found[f"corpus/{config.parent.name}"] = config.parent
    return found


def publishable() -> list:
    """Every source as a test parameter; a corpus folder that ``kvk check`` does not accept yet
    (``NOT_CLEAN_YET`` in the corpus test) must be refused whole, so its publishing tests are
    strict xfails, which fail, asking for the entry to go, once the folder is clean."""
    from ..corpus.test_fidelity import NOT_CLEAN_YET

    params = []
    for name in sorted(sources()):
        nn = name.removeprefix("corpus/")[:2] if name.startswith("corpus/") else None
        marks = ([pytest.mark.xfail(strict=True, reason=f"kvk check refuses it: {NOT_CLEAN_YET[nn]}")]
                 if nn in NOT_CLEAN_YET else [])
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def copy_repo(source: Path, dest: Path, sender: bool = True) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "kvk.yaml", dest / "kvk.yaml")
    shutil.copytree(source / "data", dest / "data")
    if (source / "templates").is_dir():
        shutil.copytree(source / "templates", dest / "templates")
    if sender:
        give_sender(dest)
    return dest


def give_sender(root: Path, orgnr: str | None = ORGNR, kommunenr: str | None = KOMMUNENR) -> None:
    lines = [line for line in (root / "kvk.yaml").read_text(encoding="utf-8").splitlines()
             if not line.startswith(("organisasjonsnummer:", "kommunenummer:"))]
    if orgnr is not None:
        lines.append(f'organisasjonsnummer: "{orgnr}"')
    if kommunenr is not None:
        lines.append(f'kommunenummer: "{kommunenr}"')
    (root / "kvk.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def kommune(tmp_path: Path) -> Path:
    return copy_repo(sources()["kommune"], tmp_path / "kommune")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return copy_repo(sources()["data"], tmp_path / "seeds")


def published_text(folder: Path) -> str:
    """Every file kvk published into ``folder``, as one text (for leak checks)."""
    return "\n".join(p.read_bytes().decode("utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


#: exempt content of the fixture municipality: a screened title, a screened span, a screened
#: vedlegg and an internal-only reason for absence (the innstilling of the case is public by its
#: record, so the word "oppvekstsjef" alone is not a secret)
SECRETS = ("Tilsetting – oppvekstsjef", "helseforhold", "Søkerliste", "Sykdom")
