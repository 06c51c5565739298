import os

import pytest

from kvk.cli import app
from kvk.io.yaml import load_file
from kvk.models import Sak
from kvk.models.validation import validate

from ..authoring_fixtures import case_args, small_repo, tree_bytes


@pytest.fixture
def repo(tmp_path):
    return small_repo(tmp_path)


def test_writes_next_number_with_every_field_and_loads_back(runner, repo):
    result = runner.invoke(app, case_args(repo, tittel="Budsjett 2010: første runde",
                                          moetedato="20.11.2009", innstilling_fra="rådmann"))
    assert result.exit_code == 0, result.output
    path = repo / "data/saker/2009/2009-0001-budsjett-2010-forste-runde.yaml"
    assert result.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/sak.schema.json"
    source = load_file(path)
    fields = [f.alias or name for name, f in Sak.model_fields.items() if name != "skjerming"]
    assert list(source.data) == fields + ["skjerming"]  # every field, in model order, skjerming last
    case, diags = validate(Sak, source)
    assert diags == []
    assert (case.saksnr, case.tittel, case.saksbehandler, case.dato.isoformat()) == (
        "2009/1", "Budsjett 2010: første runde", "kari-nordmann", "2009-11-02")
    step = case.saksgang[0]
    assert (step.utvalg, step.moetedato.isoformat(), step.utvalgssaksnr) == ("formannskapet", "2009-11-20", None)
    assert case.innstilling.fra == "raadmann" and case.saksstatus == "under_behandling"

    check = runner.invoke(app, ["check", "--repo", str(repo)])
    assert check.exit_code == 0, check.output


def test_number_follows_the_highest_of_the_year(runner, repo):
    (repo / "data/saker/2009").mkdir(parents=True)
    (repo / "data/saker/2009/2009-0016.yaml").write_text("saksnr: 2009/16\n", encoding="utf-8")
    (repo / "data/saker/2009/2009-0003-gammel.yaml").write_text("saksnr: 2009/3\n", encoding="utf-8")
    (repo / "data/saker/2008").mkdir()
    (repo / "data/saker/2008/2008-0040.yaml").write_text("saksnr: 2008/40\n", encoding="utf-8")
    result = runner.invoke(app, case_args(repo, tittel="Ny sak"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("data/saker/2009/2009-0017-ny-sak.yaml")
    assert "saksnr: 2009/17 " in (repo / "data/saker/2009/2009-0017-ny-sak.yaml").read_text(encoding="utf-8")


def test_year_comes_from_dato(runner, repo):
    result = runner.invoke(app, case_args(repo, dato="03.01.2010"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("data/saker/2010/2010-0001-budsjett-2010.yaml")


@pytest.mark.parametrize("over, message", [
    ({"saksbehandler": "kari-nordman"},
     "kvk: error KVK201 --saksbehandler: unknown person 'kari-nordman' (did you mean 'kari-nordmann'?) "
     "(hint: add the person with 'kvk org person ID --navn NAME'; 'kvk list people' lists them)"),
    ({"utvalg": "bystyret"},
     "kvk: error KVK202 --utvalg: unknown body 'bystyret' "
     "(hint: add the body with 'kvk org body ID --navn NAME --type TYPE'; 'kvk list bodies' lists them)"),
    ({"moetedato": "2009-02-30"}, "kvk: error KVK104 --moetedato: '2009-02-30' is not a date: februar 2009 has 28 days"),
    ({"dato": "i morgen"}, "kvk: error KVK104 --dato: 'i morgen' is not a date "
     "(hint: write dates as 2009-10-30 or 30.10.2009)"),
    ({"innstilling_fra": "kongen"},
     "kvk: error KVK103 --innstilling-fra: 'kongen' is not one of raadmann, kommunedirektoer, ordfoerer, leder, "
     "administrasjonssjef, utvalg, sekretariat, kontrollutvalgssekretariat, daglig_leder"),
])
def test_bad_input_is_one_line_exit_2_nothing_written(runner, repo, over, message):
    before = tree_bytes(repo)
    result = runner.invoke(app, case_args(repo, **over))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message]
    assert tree_bytes(repo) == before


def test_no_input_fails_on_a_missing_required_value(runner, repo):
    args = [a for a in case_args(repo)]
    i = args.index("--tittel")
    del args[i:i + 2]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kvk: missing --tittel (required; prompting is off with --no-input, "
                                     "--format json or outside a terminal)")
    assert not (repo / "data/saker").exists()


def test_prompts_for_missing_values_in_a_terminal(runner, repo, monkeypatch):
    monkeypatch.setattr("kvk.cli.prompts.terminal", lambda: True)
    result = runner.invoke(app, ["new-case", "--repo", str(repo), "--dato", "2009-11-02"],
                           input="Fra terminalen\nola-hansen\nformannskapet\n2009-11-20\n\nordfører\n")
    assert result.exit_code == 0, result.output
    path = repo / "data/saker/2009/2009-0001-fra-terminalen.yaml"
    case, _ = validate(Sak, load_file(path))
    assert (case.tittel, case.saksbehandler, case.innstilling.fra) == ("Fra terminalen", "ola-hansen", "ordfoerer")
    assert result.stdout == f"{path}\n"  # the questions go to standard error: $(kvk new-case) is the path
    assert "Title (tittel): " in result.stderr


def test_the_saksgang_takes_several_bodies_in_order(runner, repo):
    args = case_args(repo) + ["--utvalg", "kommunestyret", "--moetedato", "10.12.2009", "--utvalg", "formannskapet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    case, diags = validate(Sak, load_file(repo / result.stdout.strip()))
    assert diags == []
    assert [(s.utvalg, s.moetedato and s.moetedato.isoformat()) for s in case.saksgang] == [
        ("formannskapet", "2009-11-20"), ("kommunestyret", "2009-12-10"), ("formannskapet", None)]
    assert runner.invoke(app, ["check", "--repo", str(repo)]).exit_code == 0


@pytest.mark.parametrize("extra, message", [
    (["--moetedato", "2009-12-10"],
     "kvk: error KVK103 --moetedato: more dates (2) than bodies in the saksgang (1) "
     "(hint: give one --moetedato after each --utvalg, in the same order)"),
    (["--utvalg", "bystyret"],
     "kvk: error KVK202 --utvalg: unknown body 'bystyret' "
     "(hint: add the body with 'kvk org body ID --navn NAME --type TYPE'; 'kvk list bodies' lists them)"),
    (["--utvalg", "kommunestyret", "--moetedato", "31.11.2009"],
     "kvk: error KVK104 --moetedato: '31.11.2009' is not a date: november 2009 has 30 days"),
])
def test_a_bad_later_body_or_date_is_refused_nothing_written(runner, repo, extra, message):
    before = tree_bytes(repo)
    result = runner.invoke(app, case_args(repo) + extra)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message]
    assert tree_bytes(repo) == before


@pytest.mark.parametrize("args, message", [
    (["new-meeting", "--dato", "2009-11-20", "--no-input"], "missing --utvalg"),
    (["new-meeting", "--utvalg", "formannskapet"], "missing --dato"),
    (["org", "member", "formannskapet"], "missing PERSON"),
    (["meeting", "attend", "2009-11-20-formannskapet", "--no-input"], "missing PERSON"),
])
def test_other_commands_refuse_a_missing_value_outside_a_terminal(runner, repo, args, message):
    assert runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    before = tree_bytes(repo)
    result = runner.invoke(app, [*args, "--repo", str(repo)])
    assert result.exit_code == 2
    assert result.stderr == (f"kvk: {message} (required; prompting is off with --no-input, --format json or "
                             "outside a terminal)\n")
    assert tree_bytes(repo) == before


def test_no_input_never_asks_even_in_a_terminal(runner, repo, monkeypatch):
    monkeypatch.setattr("kvk.cli.prompts.terminal", lambda: True)
    args = [a for a in case_args(repo) if a != "--saksbehandler" and a != "kari-nordmann"]
    result = runner.invoke(app, args, input="kari-nordmann\n")
    assert result.exit_code == 2
    assert result.stderr == ("kvk: missing --saksbehandler (required; prompting is off with --no-input, "
                             "--format json or outside a terminal)\n")
    assert not (repo / "data/saker").exists()


def test_unwritable_folder_is_refused_before_writing(runner, repo, monkeypatch):
    saker = repo / "data/saker"
    saker.mkdir(parents=True)
    saker.chmod(0o555)
    if os.geteuid() == 0:  # root ignores permission bits; pretend the folder is read-only
        monkeypatch.setattr("kvk.io.files.os.access", lambda path, mode: False)
    try:
        before = tree_bytes(repo)
        result = runner.invoke(app, case_args(repo))
    finally:
        saker.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.strip() == "kvk: cannot write in data/saker: permission denied; nothing was written"
    assert tree_bytes(repo) == before


def test_titles_that_need_quoting_survive(runner, repo):
    title = 'Sak: "Kommuneplan" #2 – høring'
    result = runner.invoke(app, case_args(repo, tittel=title))
    assert result.exit_code == 0, result.output
    case, diags = validate(Sak, load_file(repo / result.stdout.strip()))
    assert diags == [] and case.tittel == title
