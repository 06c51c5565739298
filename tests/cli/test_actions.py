import json

from kvk.cli import app

from ..authoring_fixtures import small_repo
from ..conftest import ROOT

MINUTES = """\
utvalg: formannskapet
moetedato: 2009-11-20
dokumenttype: referat
deltakere:
  - {person: ola-hansen, oppmoete: moett}
  - {person: per-berg, oppmoete: moett}
saker:
  - nr: 1/09
    tittel: Budsjett
    oppfoelging:
      - {tiltak: Sende budsjettet på høring, ansvarlig: kari-nordmann, frist: 2009-12-01, status: paagaar}
      - {tiltak: Ferdig allerede, ansvarlig: per-berg, frist: 2009-11-25, status: utfoert}
      - {tiltak: Uten frist, ansvarlig: per-berg}
  - nr: 2/09
    tittel: Skole
    underpunkter:
      - tittel: Bygg
        underpunkter:
          - tittel: Tak
            oppfoelging:
              - {tiltak: Reparere taket, ansvarlig: ola-hansen, frist: 15.12.2009}
      - tittel: Droppet
        oppfoelging:
          - {tiltak: Gammel ide, status: utgaar, frist: 2009-01-01}
"""


def _repo(tmp_path):
    return small_repo(tmp_path, {"data/moter/2009/2009-11-20-formannskapet.yaml": MINUTES})


def _actions(runner, repo, *args):
    result = runner.invoke(app, ["actions", "--repo", str(repo), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_minutes_have_one_open_follow_up(runner):
    data = _actions(runner, ROOT, "--as-of", "2009-11-02")
    assert data["as_of"] == "2009-11-02"
    assert data["actions"] == [{
        "tiltak": "Diskusjonen legges videre inn i utredningen for ISK 3.", "ansvarlig": None,
        "ansvarlig_navn": None, "frist": None, "status": "ikke_startet", "overdue": False,
        "moete": "2009-10-30-styringsgruppa", "punkt": "2",
        "punkt_tittel": "Kvalitetskommuneprogrammet fra prosjekt til drift – hva nå?",
        "underpunkt": ["Trepartssamarbeidet"], "path": "data/moter/2009/2009-10-30-styringsgruppa.yaml",
        "line": 52}]


def test_overdue_first_then_by_deadline(runner, tmp_path):
    repo = _repo(tmp_path)
    early = _actions(runner, repo, "--as-of", "2009-11-30")["actions"]
    assert [(a["tiltak"], a["overdue"]) for a in early] == [
        ("Sende budsjettet på høring", False), ("Reparere taket", False), ("Uten frist", False)]
    late = _actions(runner, repo, "--as-of", "2009-12-10")["actions"]
    assert [(a["tiltak"], a["overdue"], a["status"]) for a in late] == [
        ("Sende budsjettet på høring", True, "paagaar"), ("Reparere taket", False, "ikke_startet"),
        ("Uten frist", False, "ikke_startet")]
    roof = late[1]
    assert (roof["ansvarlig_navn"], roof["punkt"], roof["underpunkt"]) == ("Ola Hansen", "2/09", ["Bygg", "Tak"])
    later = _actions(runner, repo, "--as-of", "2010-01-01")["actions"]
    assert [a["tiltak"] for a in later if a["overdue"]] == ["Sende budsjettet på høring", "Reparere taket"]


def test_all_includes_closed_ones_after_the_open(runner, tmp_path):
    repo = _repo(tmp_path)
    found = _actions(runner, repo, "--as-of", "2009-12-10", "--all")["actions"]
    assert [(a["tiltak"], a["status"], a["overdue"]) for a in found] == [
        ("Sende budsjettet på høring", "paagaar", True), ("Reparere taket", "ikke_startet", False),
        ("Uten frist", "ikke_startet", False), ("Gammel ide", "utgaar", False),
        ("Ferdig allerede", "utfoert", False)]


def test_table(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")  # the table as a Norwegian user reads it
    repo = _repo(tmp_path)
    result = runner.invoke(app, ["actions", "--repo", str(repo), "--as-of", "10.12.2009"], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "3 oppfølginger per 10.12.2009"
    assert lines[1].split() == ["Frist", "Status", "Ansvarlig", "Tiltak", "Møte", "Punkt"]
    assert "01.12.2009 forfalt" in lines[3] and "pågår" in lines[3] and "Kari Nordmann" in lines[3]
    assert "1/09 Budsjett" in lines[3]
    assert "2/09 Skole › Bygg › Tak" in lines[4]


def test_bad_as_of(runner, tmp_path):
    result = runner.invoke(app, ["actions", "--repo", str(_repo(tmp_path)), "--as-of", "snart"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kvk: error KVK104 --as-of: 'snart' is not a date "
                                     "(hint: write dates as 2009-10-30 or 30.10.2009)")
