import subprocess

import pytest

from kvk.authoring.scaffold import Settings, planned
from kvk.cli import app

from ..authoring_fixtures import case_args, git, tree_bytes


def test_init_writes_a_repository_that_checks_clean(runner, tmp_path):
    target = tmp_path / "bjugn"
    result = runner.invoke(app, ["init", str(target), "--organisasjon", "Bjugn kommune", "--maalform", "nn",
                                 "--no-input"])
    assert result.exit_code == 0, result.output
    files = [f.path for f in planned(Settings("Bjugn kommune", "nn"))]
    assert "kvk.yaml" in files and "data/organisasjon.yaml" in files and "schemas/sak.schema.json" in files
    assert sorted(tree_bytes(target)) == sorted(files)
    assert result.stdout.splitlines() == [str(target / rel) for rel in files]
    config = (target / "kvk.yaml").read_text(encoding="utf-8")
    assert "organisasjon: Bjugn kommune" in config and "maalform: nn" in config
    assert (target / ".git").is_dir()
    assert "initialised an empty git repository" in result.stderr
    check = runner.invoke(app, ["check", "--repo", str(target)])
    assert check.exit_code == 0, check.output
    assert "1 file checked: 0 errors" in check.stderr


def test_the_commented_examples_in_the_organisation_file_are_valid(runner, tmp_path):
    """Uncommenting the examples must give a valid file: people copy them."""
    assert runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "X", "--no-input", "--no-git"]).exit_code == 0
    org = tmp_path / "data/organisasjon.yaml"
    lines = org.read_text(encoding="utf-8").splitlines()
    body = [line[2:] for line in lines if line.startswith("# ") and line[2:3] in ("p", "u", " ")
            and ":" in line]
    org.write_text("\n".join(body) + "\n", encoding="utf-8")
    check = runner.invoke(app, ["check", "--repo", str(tmp_path)])
    assert check.exit_code == 0, check.stdout + org.read_text(encoding="utf-8")
    listed = runner.invoke(app, ["list", "people", "--repo", str(tmp_path), "--format", "json"])
    assert [p["id"] for p in __import__("json").loads(listed.stdout)] == ["kari-nordmann", "ola-hansen"]


def test_refuses_a_folder_with_kvk_yaml(runner, tmp_path):
    (tmp_path / "kvk.yaml").write_text("organisasjon: Gammel\n", encoding="utf-8")
    before = tree_bytes(tmp_path)
    result = runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "Ny", "--no-input"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kvk: {tmp_path} already holds a kvk.yaml; not touched"
    assert tree_bytes(tmp_path) == before and not (tmp_path / ".git").exists()


def test_never_overwrites_an_existing_file(runner, tmp_path):
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "Ny", "--no-input"])
    assert result.exit_code == 2
    assert "already exists; nothing was written" in result.stderr
    assert tree_bytes(tmp_path) == {".gitignore": b"mine\n"}


def test_inside_a_git_repository_no_new_one_is_made(runner, tmp_path):
    git(tmp_path, "init", "-q")
    result = runner.invoke(app, ["init", str(tmp_path / "records"), "--organisasjon", "X", "--no-input"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "records/.git").exists()


def test_no_input_needs_the_organisation(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path), "--no-input"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kvk: missing --organisasjon (required; prompting is off with "
                                     "--no-input, --format json or outside a terminal)")
    assert tree_bytes(tmp_path) == {}


def test_bad_maalform(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "X", "--maalform", "de", "--no-input"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kvk: --maalform: 'de' is not nb or nn"
    assert tree_bytes(tmp_path) == {}


def test_prompts_in_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("kvk.cli.prompts.terminal", lambda: True)
    result = runner.invoke(app, ["init", str(tmp_path), "--no-git"], input="Ørland kommune\n\n")
    assert result.exit_code == 0, result.output
    config = (tmp_path / "kvk.yaml").read_text(encoding="utf-8")
    assert "organisasjon: Ørland kommune" in config and "maalform: nb" in config


def test_a_new_repository_takes_cases(runner, tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "X", "--no-input", "--no-git"]).exit_code == 0
    from ..authoring_fixtures import ORGANISATION

    (tmp_path / "data/organisasjon.yaml").write_text(ORGANISATION, encoding="utf-8")
    result = runner.invoke(app, case_args(tmp_path))
    assert result.exit_code == 0, result.output
    schema_line = (tmp_path / result.stdout.strip()).read_text(encoding="utf-8").splitlines()[0]
    target = schema_line.split("$schema=")[1]
    assert (tmp_path / "data/saker/2009" / target).resolve() == (tmp_path / "schemas/sak.schema.json").resolve()


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git")
def test_gitignore_keeps_records_tracked(tmp_path, runner):
    assert runner.invoke(app, ["init", str(tmp_path), "--organisasjon", "X", "--no-input"]).exit_code == 0
    ignored = subprocess.run(["git", "check-ignore", "data/organisasjon.yaml", "schemas/sak.schema.json"],
                             cwd=tmp_path, capture_output=True, text=True)
    assert ignored.stdout == ""
