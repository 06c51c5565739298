import json

from kvk.cli import app

from ..conftest import ROOT


def test_embedded_data_is_clean(runner):
    result = runner.invoke(app, ["check", "--repo", str(ROOT), "--no-cache"])  # the checkout stays as it is
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.stderr


def test_findings_are_compiler_lines_and_exit_1(runner, seed_repo):
    meeting = seed_repo / "data/moter/2009/2009-10-30-styringsgruppa.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "{person: geir-sandholm,", "{person: geir-sandhol,"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--repo", str(seed_repo)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/moter/2009/2009-10-30-styringsgruppa.yaml:27:14: error KVK201 unknown person 'geir-sandhol'"
        " (hint: add the person to data/organisasjon.yaml, or fix the id)"
    ]
    assert "1 error" in result.stderr


def test_json_output(runner, seed_repo):
    result = runner.invoke(app, ["check", "--repo", str(seed_repo), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["errors"] == 0 and data["files"] == 5 and data["findings"] == []


def test_not_a_repository_is_exit_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KVK_REPO", raising=False)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "no kvk.yaml" in result.stderr


def test_paths_name_the_records_checked_from_anywhere_in_the_repository(runner, seed_repo, monkeypatch):
    """`kvk check .` at the root checks every record (data/ only, never .git or templates), and
    folders and files are found relative to where the user stands."""
    (seed_repo / ".git/hooks").mkdir(parents=True)
    (seed_repo / ".git/hooks/x.yaml").write_text("- not a record\n", encoding="utf-8")
    (seed_repo / "templates").mkdir()
    (seed_repo / "templates/x.yaml").write_text("- not a record\n", encoding="utf-8")
    monkeypatch.delenv("KVK_REPO", raising=False)
    for where, args, files in [(".", ["."], 5), (".", [], 5), ("data", ["."], 5), ("data", ["saker", "moter/"], 2),
                               ("data/saker", ["../moter", "2008/2008-1001.yaml"], 2)]:
        monkeypatch.chdir(seed_repo / where)
        result = runner.invoke(app, ["check", *args])
        assert result.exit_code == 0, (where, args, result.output)
        assert result.stderr.strip() == f"{files} files checked: 0 errors, 0 warnings", (where, args)
