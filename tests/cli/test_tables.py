"""Tables on the terminal: they fit the width they are given (80 columns too) by wrapping text at
words, leaving out the least important columns (and saying so), or one block per row; ids and
dates are never cut. Labels instead of the records' ids, from one table."""

from __future__ import annotations

import json
import re
from typing import get_args

import pytest
from rich.cells import cell_len

from kvk.cli import app
from kvk.cli.labels import VALUES, label
from kvk.cli.tables import Column, render

from ..authoring_fixtures import case_args, small_repo
from ..conftest import ROOT

FJORDVIK = ROOT / "tests/render/fixtures/fjordvik"


def widest(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())


# --- the layout, on its own ------------------------------------------------------------------------

ROWS = [{"id": "2009-10-30-styringsgruppa", "navn": "Styringsgruppa i Kvalitetskommuneprogrammet",
         "dato": "30.10.2009", "n": "12", "note": "en lang forklaring som gjerne kan brytes over flere linjer"}]
COLS = [Column("Møte", lambda r: r["id"]), Column("Utvalg", lambda r: r["navn"], wraps=True),
        Column("Dato", lambda r: r["dato"]), Column("Saker", lambda r: r["n"], drop=2),
        Column("Merknad", lambda r: r["note"], wraps=True, drop=1)]


def test_a_table_that_fits_is_left_alone():
    out = render("1 meeting", COLS, ROWS, width=200)
    assert out.splitlines()[1].split() == ["Møte", "Utvalg", "Dato", "Saker", "Merknad"]
    assert "Styringsgruppa i Kvalitetskommuneprogrammet" in out


def test_running_text_wraps_at_words_and_a_long_word_gets_its_own_line():
    out = render("1 meeting", COLS[:3], ROWS, width=60)
    assert widest(out) <= 60
    utvalg = [line[27:].split("  ")[0].strip() for line in out.splitlines()[3:]]
    assert utvalg[0] == "Styringsgruppa i"  # not "Styringsgruppa i Kvalitets-"
    assert "".join(utvalg[1:]) == "Kvalitetskommuneprogrammet"
    assert "2009-10-30-styringsgruppa" in out and "30.10.2009" in out


def test_the_least_important_column_goes_first_and_is_named():
    # at their narrowest the five columns take 74: at 80 all stay, wrapped
    assert render("1 meeting", COLS, ROWS, width=80).splitlines()[1].split() == ["Møte", "Utvalg", "Dato", "Saker",
                                                                                "Merknad"]
    out = render("1 meeting", COLS, ROWS, width=70)
    assert widest(out) <= 70
    assert out.splitlines()[1].split() == ["Møte", "Utvalg", "Dato", "Merknad"]  # Saker (drop=2) first
    assert " ".join(out.splitlines()[-2:]) == ("(Saker left out to fit 70 columns; a wider terminal or --format "
                                               "json shows it)")
    narrower = render("1 meeting", COLS, ROWS, width=60)
    assert narrower.splitlines()[1].split() == ["Møte", "Utvalg", "Dato"]
    assert "(Saker, Merknad left out to fit 60 columns;" in narrower


def test_too_narrow_for_the_columns_that_stay_gives_one_block_per_row():
    out = render("1 meeting", COLS, ROWS * 2, width=40)
    lines = out.splitlines()
    assert lines[0] == "1 meeting" and lines[1] == ""
    assert lines[2] == "Møte     2009-10-30-styringsgruppa"
    assert lines[3].startswith("Utvalg   Styringsgruppa i")
    assert "Merknad  en lang forklaring som gjerne" in out
    assert widest(out) <= 40
    assert out.count("Møte     2009-10-30-styringsgruppa") == 2  # every row, each its own block


def test_an_id_is_never_cut_even_when_nothing_fits():
    out = render("x", [Column("Møte", lambda r: r["id"])], ROWS, width=12)
    assert "2009-10-30-styringsgruppa" in out


# --- the listings at 80 columns -------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path, runner):
    root = small_repo(tmp_path)
    for args in (case_args(root, tittel="Budsjett 2010 med økonomiplan for perioden 2010–2013 og handlingsprogram"),
                 case_args(root, tittel="Kommuneplanens arealdel", saksbehandler="per-berg", utvalg="kommunestyret",
                           moetedato="2009-12-10")):
        assert runner.invoke(app, args).exit_code == 0, args
    assert runner.invoke(app, ["new-meeting", "--repo", str(root), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    return root


LISTINGS = [["list", "cases"], ["list", "meetings"], ["list", "people"], ["list", "bodies"],
            ["actions", "--all", "--as-of", "2009-12-01"]]


@pytest.mark.parametrize("where", [FJORDVIK, ROOT], ids=["fjordvik", "seed"])
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a[:2]))
def test_every_listing_fits_80_columns(runner, where, args):
    result = runner.invoke(app, [*args, "--repo", str(where)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert widest(result.stdout) <= 80, result.stdout


def test_list_meetings_keeps_the_body_at_80_columns(runner, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")
    # the issue: at 80 columns the Utvalg column was lost
    out = runner.invoke(app, ["list", "meetings", "--repo", str(ROOT)], env={"COLUMNS": "80"}).stdout
    assert out.splitlines()[1].split()[:3] == ["Møte", "Utvalg", "Dato"]
    assert "Styringsgruppa i" in out and "Referat" in out


def test_actions_at_80_columns_are_readable(runner, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")
    out = runner.invoke(app, ["actions", "--all", "--repo", str(FJORDVIK), "--as-of", "2009-12-01"],
                        env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert lines[1].split() == ["Frist", "Status", "Ansvarlig", "Tiltak", "Møte"]  # whole headers, not "A…"
    assert "ikke startet" in out and "Tone Aas" in out and "2009-11-18-formannskapet" in out
    assert "Vedtaket" in out and "sendes søker." in out
    assert "\n(Punkt er utelatt for å passe i 80 kolonner;" in out


def test_labels_not_ids_in_the_tables(runner, repo, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")  # the words people say (nynorsk and English: tests/test_i18n.py)
    r = str(repo)
    meetings = runner.invoke(app, ["list", "meetings", "--repo", r], env={"COLUMNS": "120"}).stdout
    assert "Møteinnkalling" in meetings and not re.search(r"\binnkalling\b", meetings)
    bodies = runner.invoke(app, ["list", "bodies", "--repo", r], env={"COLUMNS": "120"}).stdout
    assert "formannskap " in bodies  # a type, already a word
    people = runner.invoke(app, ["list", "people", "--repo", r], env={"COLUMNS": "120"}).stdout
    assert "Formannskapet" in people  # the body's name, not its id
    # JSON keeps the records' values
    data = json.loads(runner.invoke(app, ["list", "meetings", "--repo", r, "--format", "json"]).stdout)
    assert data[0]["dokumenttype"] == "innkalling"


def test_a_case_status_is_shown_in_words(runner, repo, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")
    path = repo / "data/saker/2009/2009-0002-kommuneplanens-arealdel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("saksstatus:", "saksstatus: under_behandling #", 1),
                    encoding="utf-8")
    out = runner.invoke(app, ["list", "cases", "--repo", str(repo)], env={"COLUMNS": "160"}).stdout
    assert "under behandling" in out and "under_behandling" not in out


def test_limit(runner, repo):
    out = runner.invoke(app, ["list", "cases", "--repo", str(repo), "--limit", "1"], env={"COLUMNS": "200"}).stdout
    assert out.splitlines()[0] == "2 cases, the first 1 shown (--limit)"
    assert "2009/1" in out and "2009/2" not in out
    data = json.loads(runner.invoke(app, ["list", "cases", "--repo", str(repo), "-n", "1", "--format", "json"]).stdout)
    assert [c["saksnr"] for c in data] == ["2009/1"]
    every = runner.invoke(app, ["list", "cases", "--repo", str(repo), "--limit", "0"], env={"COLUMNS": "200"}).stdout
    assert every.splitlines()[0] == "2 cases"


# --- the scorecard ----------------------------------------------------------------------------------

def test_the_scorecard_and_its_claims_fit_80_columns_without_losing_a_word(runner):
    result = runner.invoke(app, ["check-indicators", "--repo", str(ROOT)],
                           env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None})
    table = [line for line in result.stdout.splitlines() if not line.startswith("data/")]  # findings: one line each
    assert max(cell_len(line) for line in table) <= 80
    words = " ".join(table).split()
    assert "Resultat" in words  # the header was cut to "Res"
    for word in "stemmer med målingene (KVK440) kan ikke etterprøves (KVK428) sykefravaer-rissa-pro".split():
        assert word in words, word


def test_claims_become_blocks_on_a_narrow_terminal(runner):
    result = runner.invoke(app, ["check-indicators", "--repo", str(ROOT)],
                           env={"COLUMNS": "60", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None})
    claims = result.stdout.split("Påstander", 1)[1].splitlines()
    assert "Resultat   kan ikke etterprøves (KVK428)" in claims
    assert max(cell_len(line) for line in claims) <= 60


# --- the labels -------------------------------------------------------------------------------------

def _choices(model, field: str) -> set[str]:
    annotation = model.model_fields[field].annotation
    return {v for arg in get_args(annotation) or (annotation,) for v in (get_args(arg) or (arg,)) if isinstance(v, str)}


def test_every_value_a_record_may_hold_has_a_label():
    from kvk.models import Moete, Person, Sak, Utvalg
    from kvk.models.meeting import Oppfoelging, Protokollstatus
    from kvk.query.actions import STATUSES

    expected = {
        "dokumenttype": _choices(Moete, "dokumenttype") | _choices(Sak, "dokumenttype"),
        "saksstatus": _choices(Sak, "saksstatus"),
        "protokollstatus": _choices(Protokollstatus, "status"),
        "oppfoelging": _choices(Oppfoelging, "status"),
        "utvalgstype": _choices(Utvalg, "type"),
        "part": _choices(Person, "part"),
    }
    assert expected["oppfoelging"] == set(STATUSES)
    for field, values in expected.items():
        assert values and set(VALUES[field]) == values, field


def test_labels_read_as_people_say_them():
    from kvk import i18n

    i18n.reset("nb")  # the conftest's reset afterwards returns to English
    assert label("dokumenttype", "moeteprotokoll") == "Møteprotokoll"
    assert label("saksstatus", "under_behandling") == "under behandling"
    assert label("oppfoelging", "ikke_startet") == "ikke startet"
    assert label("perspektiv", "oekonomi") == "Økonomi"
    assert label("saksstatus", None) == "" and label("saksstatus", "ny_verdi") == "ny verdi"
