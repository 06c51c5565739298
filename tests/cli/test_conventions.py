"""The conventions every kvk command keeps: -h, readable option names in --help, --format json
wherever there is a result, unknown people and bodies refused with a suggestion, and every
command documented in docs/cli.md."""

from __future__ import annotations

import json
import re

import pytest
import typer.main

from kvk.cli import app

from ..authoring_fixtures import case_args, small_repo
from ..conftest import ROOT

COMMANDS = sorted(typer.main.get_command(app).commands)
#: commands whose result is not data: a document, a page, a script (docs/cli.md says so too)
NOT_DATA = {"render-case": "a document (md, html, pdf)", "render-agenda": "a document (md, html, pdf)",
            "render-minutes": "a document (md, html, pdf)", "render-scorecard": "an HTML page",
            "completion": "a shell script", "cache": "a group of commands (kvk cache info and clear)",
            "org": "a group of commands (kvk org person, body, member, party)",
            "meeting": "a group of commands (kvk meeting attend, propose, vote, decide, status, approve, correct)"}


def _help(runner, *path: str) -> str:
    result = runner.invoke(app, [*path, "-h"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _formats(help_text: str) -> list[str]:
    found = re.search(r"--format <([^>]+)>", help_text)
    return found.group(1).split("|") if found else []


def test_minus_h_is_help(runner):
    assert _help(runner).startswith("Usage: kvk [OPTIONS] COMMAND [ARGS]...")
    assert "-h, --help" in _help(runner)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_answers_minus_h(runner, name):
    text = _help(runner, name)
    assert text.startswith(f"Usage: kvk {name} ")
    assert "-h, --help" in text


#: how Python types showed in typer's help (<str>, <list[str]>, <int range>, <path>)
PYTHON_TYPE = re.compile(r"<(?:str|int|float|bool|path|file|list\[[^>]*\]|\w+ range)>")


@pytest.mark.parametrize("name", COMMANDS)
def test_options_and_arguments_are_named_in_words(runner, name):
    text = _help(runner, name)
    assert PYTHON_TYPE.findall(text) == [], text
    usage = text.splitlines()[0]
    # arguments in capitals, as every manual writes them (typer derives lower-case ones from the code)
    assert not re.search(r"[{\[][a-z_]+[}\]]", usage), usage


def test_option_values_say_what_they_are(runner):
    assert "--utvalg BODY" in _help(runner, "list") and "--saksbehandler PERSON" in _help(runner, "list")
    assert "--repo PATH" in _help(runner, "check") and "-j, --jobs N" in _help(runner, "check")
    assert "-n, --limit N" in _help(runner, "list") and "--as-of DATE" in _help(runner, "actions")
    assert "-o, --output FILE" in _help(runner, "render-minutes")
    assert "Usage: kvk render-minutes [OPTIONS] {MEETING}" in _help(runner, "render-minutes")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_with_a_result_has_format_json(runner, name):
    formats = _formats(_help(runner, name))
    if name in NOT_DATA:
        assert "json" not in formats
    else:
        assert "json" in formats, f"kvk {name} gives a result: it needs --format json"


def test_the_docs_list_every_command_with_its_formats(runner):
    text = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `kvk ([a-z-]+)` \| [^|]+ \| ([^|]+) \|$", text, re.MULTILINE))
    assert sorted(table) == COMMANDS
    for name, formats in table.items():
        documented = [] if formats.strip().startswith("(") else [f.strip() for f in formats.split(",")]
        assert documented == _formats(_help(runner, name)), name


def test_every_command_is_documented_beyond_its_help():
    """docs/cli.md names every command; each is shown in use in the README or another page."""
    pages = [ROOT / "README.md", *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "cli.md")]
    docs = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    missing = [name for name in COMMANDS if f"kvk {name}" not in docs]
    assert missing == []


# --- --format json on the commands that write files -----------------------------------------------

@pytest.fixture
def repo(tmp_path):
    return small_repo(tmp_path / "r")


def _json(runner, args: list[str], code: int = 0):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_init_json(runner, tmp_path):
    out = _json(runner, ["init", str(tmp_path / "new"), "--organisasjon", "Bjugn kommune", "--no-git"])
    assert out["root"] == str(tmp_path / "new") and out["git_initialised"] is False
    assert "kvk.yaml" in out["written"] and "data/organisasjon.yaml" in out["written"]
    assert all((tmp_path / "new" / rel).is_file() for rel in out["written"])


def test_init_json_never_prompts_and_fails_as_json(runner, tmp_path):
    out = _json(runner, ["init", str(tmp_path / "new")], code=2)  # no --organisasjon, no --no-input
    assert out["error"]["message"].startswith("missing --organisasjon")
    assert not (tmp_path / "new").exists()


def test_new_case_new_meeting_number_agenda_renumber_json(runner, repo):
    case = _json(runner, case_args(repo))
    assert case == {"saksnr": "2009/1", "tittel": "Budsjett 2010",
                    "path": "data/saker/2009/2009-0001-budsjett-2010.yaml"}
    assert (repo / case["path"]).is_file()
    meeting = _json(runner, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet", "--dato", "2009-11-20"])
    assert meeting == {"id": "2009-11-20-formannskapet", "path": "data/moter/2009/2009-11-20-formannskapet.yaml",
                       "items": [{"nr": "1/09", "saksnr": "2009/1", "tittel": "Budsjett 2010",
                                  "path": case["path"], "numbered_now": True}]}
    agenda = _json(runner, ["number-agenda", "--repo", str(repo), "2009-11-20-formannskapet"])
    assert agenda == {"meeting": "2009-11-20-formannskapet", "changes": [], "skipped": []}
    moved = _json(runner, ["renumber-case", "--repo", str(repo), "2009/1", "2009/7"])
    assert moved["old"] == "2009/1" and moved["new"] == "2009/7"
    assert moved["new_path"] == "data/saker/2009/2009-0007-budsjett-2010.yaml"
    assert (repo / moved["new_path"]).is_file() and not (repo / moved["old_path"]).exists()
    assert [r.split(":")[0] for r in moved["references"]] == ["data/moter/2009/2009-11-20-formannskapet.yaml"]


def test_a_failure_with_json_is_the_error_object(runner, repo):
    out = _json(runner, case_args(repo, saksbehandler="kari-nordman"), code=2)
    assert out["error"]["message"].startswith("--saksbehandler: unknown person 'kari-nordman' "
                                              "(did you mean 'kari-nordmann'?)")


def test_schema_json(runner, repo, tmp_path):
    out = _json(runner, ["schema", "--repo", str(repo)])
    assert "schemas/sak.schema.json" in out["written"]
    assert all((repo / rel).is_file() for rel in out["written"])
    elsewhere = _json(runner, ["schema", "--out", str(tmp_path / "s")])
    assert all(p.startswith(str(tmp_path / "s")) for p in elsewhere["written"])
    assert _json(runner, ["schema", "sak"])["title"]  # with KIND: the schema itself


# --- unknown people, bodies and statuses -------------------------------------------------------------

def _person_and_body_options(runner) -> list[tuple[str, str, str]]:
    """(command, option, metavar) for every option naming a person or a body, read off --help."""
    found = []
    for name in COMMANDS:
        for option, metavar in re.findall(r"^\s+(--[a-z-]+) (PERSON|BODY)\b", _help(runner, name), re.MULTILINE):
            found.append((name, option, metavar))
    return found


#: what each command needs besides the option under test
BASE_ARGS = {
    "list": ["cases"],
    "actions": [],
    "new-case": ["--tittel", "T", "--saksbehandler", "kari-nordmann", "--utvalg", "formannskapet",
                 "--moetedato", "2009-11-20", "--innstilling-fra", "raadmann", "--no-input"],
    "new-meeting": ["--utvalg", "formannskapet", "--dato", "2009-11-20"],
}


def test_there_are_person_and_body_options_to_test(runner):
    found = _person_and_body_options(runner)
    assert {(c, o) for c, o, _ in found} >= {("list", "--utvalg"), ("list", "--saksbehandler"),
                                             ("actions", "--ansvarlig"), ("new-case", "--saksbehandler"),
                                             ("new-case", "--utvalg"), ("new-meeting", "--utvalg")}
    assert {c for c, _, _ in found} <= set(BASE_ARGS), "a new command with such an option: add it to BASE_ARGS"


def test_every_person_or_body_option_refuses_an_unknown_one(runner, repo):
    for command, option, metavar in _person_and_body_options(runner):
        wrong, right = ("kari-nordman", "kari-nordmann") if metavar == "PERSON" else ("formanskapet", "formannskapet")
        args = list(BASE_ARGS[command])
        if option in args:
            args[args.index(option) + 1] = wrong
        else:
            args += [option, wrong]
        result = runner.invoke(app, [command, *args, "--repo", str(repo)])
        assert result.exit_code == 2, (command, option, result.output)
        assert f"{option}: unknown {'person' if metavar == 'PERSON' else 'body'} '{wrong}'" in result.stderr
        assert f"(did you mean '{right}'?)" in result.stderr, (command, option)
    assert not (repo / "data/saker").exists() and not (repo / "data/moter").exists()


@pytest.mark.parametrize("kind, status, message", [
    ("cases", "under behandlng", "--status: 'under behandlng' is not a saksstatus (did you mean 'under_behandling'?)"),
    ("meetings", "godkjnt", "--status: 'godkjnt' is not a protokollstatus (did you mean 'godkjent'?)"),
    ("meetings", "xyz", "--status: 'xyz' is not a protokollstatus (one of: utkast, godkjent)"),
])
def test_an_unknown_status_is_refused(runner, repo, kind, status, message):
    result = runner.invoke(app, ["list", kind, "--status", status, "--repo", str(repo)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kvk: {message}"


def test_a_status_written_as_said_is_the_status(runner, repo):
    assert runner.invoke(app, case_args(repo)).exit_code == 0
    result = runner.invoke(app, ["list", "cases", "--status", "Under behandling", "--repo", str(repo),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output


def test_a_misspelt_meeting_id_gets_a_suggestion(runner, repo):
    assert runner.invoke(app, case_args(repo)).exit_code == 0
    assert runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    for command in (["render-minutes"], ["render-agenda"], ["number-agenda"], ["show"]):
        result = runner.invoke(app, [*command, "2009-11-20-formanskapet", "--repo", str(repo)])
        assert result.exit_code == 2, command
        assert "(did you mean '2009-11-20-formannskapet'?)" in result.stderr, command
    result = runner.invoke(app, ["show", "per-bergh", "--repo", str(repo)])
    assert result.stderr.strip() == "kvk: nothing has the id 'per-bergh' (did you mean 'per-berg'?)"


def test_an_unknown_indicator_gets_a_suggestion(runner):
    result = runner.invoke(app, ["check-indicators", "demo-sykefravaer-pr", "--repo", str(ROOT)])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kvk: unknown indicator: demo-sykefravaer-pr "
                                     "(did you mean 'demo-sykefravaer-pro'?)")
