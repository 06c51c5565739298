"""kvk as a user installs it: the sdist and the wheel built as a release builds them, the wheel
installed in a fresh virtual environment, and the seed minutes rendered from a folder that has
nothing to do with this checkout.

This runs on every CI run (it is part of the suite .ci/run runs). It needs what ``pip install``
needs: the package index (for the build backend and kvk's dependencies).
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import kvk

from .conftest import ROOT, require_pdf

SEED_MEETING = "2009-10-30-styringsgruppa"
GOLDEN = ROOT / "tests/render/goldens/seed-minutes-2009-10-30-styringsgruppa.nb.md"


def _run(args: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))} exited {result.returncode}:\n" \
                                   f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _clean_env(**extra: str) -> dict:
    """The environment of someone who never heard of this checkout: no venv, no repository."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "KVK_REPO", "PYTHONHOME")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(sdist, wheel) from ``python -m build``: the sdist first, then the wheel built from the
    unpacked sdist, so a file missing from the sdist breaks the wheel too."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=out, env=_clean_env())
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in out.iterdir())
    return sdists[0], wheels[0]


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel (and its pdf extra) installed: its bin folder."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    _run([sys.executable, "-m", "venv", venv], env=_clean_env())
    bin_ = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([bin_ / "python", "-m", "pip", "install", "--quiet", f"{built[1]}[pdf]"], env=_clean_env())
    return bin_


def test_the_distribution_is_named_kvk_records():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == kvk.DISTRIBUTION == "kvk-records"
    assert project["scripts"] == {"kvk": "kvk.cli:main"}  # the command stays kvk
    assert project["dynamic"] == ["version"] and "version" not in project  # kvk/__init__.py has it
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")


#: what would install the unrelated project that owns the name "kvk" on the package index
WRONG_INSTALL = re.compile(r"""pip install\s+(?:-\S+\s+)*["']?kvk(?:[\[=<>~!"'\s]|$)""", re.MULTILINE)


def _texts_people_copy() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "kvk").rglob("*.py")), *sorted((ROOT / "templates").rglob("*")),
             ROOT / ".pre-commit-hooks.yaml"]
    return [f for f in files if f.is_file() and f.suffix != ".docx"]  # a Word template is binary


def test_no_hint_doc_or_generated_file_installs_someone_elses_kvk():
    from kvk.authoring.ci_files import github_workflow
    from kvk.diagnostics import CODES

    wrong = [f"{path.relative_to(ROOT)}:{text[:m.start()].count(chr(10)) + 1}: {m.group(0)!r}"
             for path in _texts_people_copy() for text in [path.read_text(encoding="utf-8")]
             for m in WRONG_INSTALL.finditer(text)]
    assert wrong == []
    assert WRONG_INSTALL.search("pip install 'kvk[pdf]'") and WRONG_INSTALL.search('pip install "kvk"')
    assert "pip install 'kvk-records[pdf]'" in CODES["KVK307"].advice(translate=False)
    assert 'pip install "kvk-records"' in github_workflow()


def test_the_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert command in readme
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == command


def test_the_sdist_carries_the_docs_licence_and_changelog(built):
    with tarfile.open(built[0]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for wanted in ("LICENSE", "CHANGELOG.md", "README.md", "docs/records.md", "docs/rendering.md",
                   "docs/codes.md", "templates/protokoll.md.j2", "kvk/__init__.py", "tests/conftest.py",
                   "data/organisasjon.yaml", "kvk.yaml"):
        assert wanted in names, f"{wanted} is not in {built[0].name}"
    assert not [n for n in names if n.startswith(("benchmarks/synth/", ".venv/")) or n.endswith(".pyc")]


def test_the_wheel_says_who_it_is(built):
    with zipfile.ZipFile(built[1]) as wheel:
        names = wheel.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(wheel.read(meta_name).decode("utf-8"))
    assert meta["Name"] == "kvk-records"
    assert meta["Version"] == kvk.__version__
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "kvk/templates/protokoll.md.j2" in names  # the built-in templates travel with the code
    assert "pdf" in meta.get_all("Provides-Extra")
    # the message catalogues, compiled by the build (never committed), beside their sources
    for lang in ("nb", "nn", "en"):
        assert f"kvk/locale/{lang}/LC_MESSAGES/kvk.po" in names
        assert f"kvk/locale/{lang}/LC_MESSAGES/kvk.mo" in names


def test_the_installed_command_speaks_nynorsk_from_its_compiled_catalogue(installed, tmp_path):
    """The wheel's .mo is used as it is: no compiling, so nothing lands in the user's cache."""
    cache = tmp_path / "cache"
    env = _clean_env(PATH=f"{installed}{os.pathsep}{os.environ.get('PATH', '')}", KVK_LANG="nn",
                     XDG_CACHE_HOME=str(cache))
    helped = _run(["kvk", "check", "--help"], cwd=tmp_path, env=env)
    assert "Valider postane og tilvisingane mellom dei" in helped.stdout
    assert not cache.exists()


def test_the_installed_command_renders_the_seed_minutes_from_an_unrelated_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(PATH=f"{installed}{os.pathsep}{os.environ.get('PATH', '')}")
    where = _run([installed / "python", "-c", "import kvk; print(kvk.__file__)"], cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "not the wheel's kvk"
    assert _run(["kvk", "--version"], cwd=elsewhere, env=env).stdout == f"kvk {kvk.__version__}\n"
    minutes = _run(["kvk", "render-minutes", SEED_MEETING, "--repo", ROOT], cwd=elsewhere, env=env)
    assert minutes.stdout == GOLDEN.read_text(encoding="utf-8")
    assert list(elsewhere.iterdir()) == []  # nothing written where it was run


def test_the_installed_pdf_extra_renders_a_pdf(installed, tmp_path):
    pypdf = require_pdf()  # Pango from the system, as in the other PDF tests
    out = tmp_path / "referat.pdf"
    _run([installed / "kvk", "render-minutes", SEED_MEETING, "--repo", ROOT, "--format", "pdf", "-o", out],
         cwd=tmp_path, env=_clean_env())
    text = " ".join("".join(page.extract_text() for page in pypdf.PdfReader(out).pages).split())
    assert "Referat fra møte i styringsgruppa 30. oktober 2009" in text
