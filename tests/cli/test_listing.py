import json

import pytest

from kvk.cli import app

from ..authoring_fixtures import case_args, small_repo


@pytest.fixture
def repo(tmp_path, runner):
    root = small_repo(tmp_path)
    for args in (case_args(root, tittel="Budsjett 2010"),
                 case_args(root, tittel="Kommuneplan", saksbehandler="per-berg", utvalg="kommunestyret",
                           moetedato="2009-12-10"),
                 case_args(root, tittel="Gammel sak", dato="2008-05-05", moetedato="2008-06-01")):
        assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["new-meeting", "--repo", str(root), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    return root


def _json(runner, *args):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_cases_with_filters(runner, repo):
    r = str(repo)
    assert [c["saksnr"] for c in _json(runner, "list", "cases", "--repo", r)] == ["2008/1", "2009/1", "2009/2"]
    assert [c["saksnr"] for c in _json(runner, "list", "cases", "--repo", r, "--aar", "2009")] == ["2009/1", "2009/2"]
    assert [c["saksnr"] for c in _json(runner, "list", "cases", "--repo", r, "--utvalg", "kommunestyret")] == ["2009/2"]
    assert [c["saksnr"] for c in _json(runner, "list", "cases", "--repo", r, "--saksbehandler", "per-berg")] == ["2009/2"]
    assert _json(runner, "list", "cases", "--repo", r, "--status", "avsluttet") == []
    first = _json(runner, "list", "cases", "--repo", r, "--aar", "2009")[0]
    assert first["saksbehandler_navn"] == "Kari Nordmann"
    assert first["saksgang"] == [{"utvalg": "formannskapet", "utvalg_navn": "Formannskapet",
                                  "moetedato": "2009-11-20", "utvalgssaksnr": "1/09"}]


def test_list_table_shows_names(runner, repo):
    result = runner.invoke(app, ["list", "cases", "--repo", str(repo), "--aar", "2009"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].strip() == "2 cases"
    assert "Kari Nordmann" in result.stdout and "kari-nordmann" not in result.stdout
    assert "20.11.2009 (1/09)" in result.stdout


def test_list_meetings_people_bodies(runner, repo):
    r = str(repo)
    meetings = _json(runner, "list", "meetings", "--repo", r)
    assert [(m["id"], m["saker"], m["dokumenttype"]) for m in meetings] == [
        ("2009-11-20-formannskapet", 1, "innkalling")]
    assert _json(runner, "list", "meetings", "--repo", r, "--aar", "2008") == []
    people = _json(runner, "list", "people", "--repo", r, "--utvalg", "formannskapet")
    assert [p["id"] for p in people] == ["kari-nordmann", "ola-hansen", "per-berg", "vara-vik"]
    bodies = _json(runner, "list", "bodies", "--repo", r)
    assert [(b["id"], b["medlemmer"], b["moeter"]) for b in bodies] == [("formannskapet", 4, 1), ("kommunestyret", 0, 0)]


def test_filter_that_does_not_apply(runner, repo):
    result = runner.invoke(app, ["list", "bodies", "--repo", str(repo), "--aar", "2009"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kvk: --aar does not apply to bodies (filters for bodies: none)"


def test_show_resolves_names(runner, repo):
    result = runner.invoke(app, ["show", "2009/1", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# case 2009/1 (data/saker/2009/2009-0001-budsjett-2010.yaml)"
    assert "saksbehandler: Kari Nordmann" in lines
    assert "  - utvalg: Formannskapet" in lines
    meeting = _json(runner, "show", "2009-11-20-formannskapet", "--repo", str(repo))
    assert meeting["kind"] == "meeting"
    assert [d["person"] for d in meeting["record"]["deltakere"]] == ["Ola Hansen", "Per Berg", "Kari Nordmann"]
    assert meeting["record"]["saker"][0]["saksbehandler"] == "Kari Nordmann"
    person = _json(runner, "show", "per-berg", "--repo", str(repo))
    assert person["record"] == {"id": "per-berg", "navn": "Per Berg",
                                "medlem_av": [{"utvalg": "Formannskapet", "rolle": "medlem"}]}
    body = _json(runner, "show", "formannskapet", "--repo", str(repo))
    assert body["record"]["medlemmer"][0] == {"person": "Ola Hansen", "rolle": "leder"}
    assert body["record"]["moeter"] == ["2009-11-20-formannskapet"]


def test_show_finds_a_meeting_by_its_own_id(runner, repo):
    # a notice without a date: the meeting's own id, in data/moter/udatert/ as it has no year
    folder = repo / "data/moter/udatert"
    folder.mkdir(parents=True)
    (folder / "formannskapet-ekstra.yaml").write_text(
        "id: formannskapet-ekstra\nutvalg: formannskapet\nmoetedato:\ndokumenttype: innkalling\n", encoding="utf-8")
    meeting = _json(runner, "show", "formannskapet-ekstra", "--repo", str(repo))
    assert (meeting["kind"], meeting["path"]) == ("meeting", "data/moter/udatert/formannskapet-ekstra.yaml")
    assert meeting["record"]["id"] == "formannskapet-ekstra" and "moetedato" not in meeting["record"]
    assert runner.invoke(app, ["check", "--repo", str(repo)]).exit_code == 0


def test_show_seed_case(runner):
    from ..conftest import ROOT

    result = runner.invoke(app, ["show", "2008/1001", "--repo", str(ROOT)])
    assert result.exit_code == 0
    assert "saksbehandler: Tor Langvold" in result.stdout.splitlines()
    assert "vis_saksnr: nei" in result.stdout.splitlines()


@pytest.mark.parametrize("ident, message", [
    ("2009/99", "kvk: no case 2009/99 in this repository"),
    ("2009-01-01-formannskapet", "kvk: no meeting 2009-01-01-formannskapet in this repository "
                                 "(did you mean '2009-11-20-formannskapet'?)"),
    ("nobody", "kvk: nothing has the id 'nobody' (a saksnr 2009/17, a meeting id 2009-10-30-styringsgruppa, "
               "a person id or a body id)"),
])
def test_show_unknown(runner, repo, ident, message):
    result = runner.invoke(app, ["show", ident, "--repo", str(repo)])
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_a_broken_file_is_left_out_with_a_warning(runner, repo):
    (repo / "data/saker/2009/2009-0009.yaml").write_text("saksnr: 2009/9\ntittel: [\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "cases", "--repo", str(repo), "--format", "json"])
    assert result.exit_code == 0
    assert [c["saksnr"] for c in json.loads(result.stdout)] == ["2008/1", "2009/1", "2009/2"]
    assert result.stderr.strip() == ("kvk: warning: data/saker/2009/2009-0009.yaml could not be read and is "
                                     "left out (kvk check tells why)")


def test_a_table_fits_the_terminal_by_wrapping_text_never_ids(runner, repo):
    result = runner.invoke(app, ["list", "cases", "--repo", str(repo)], env={"COLUMNS": "60"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert [line.split()[0] for line in lines[3:] if line[:1].isdigit()] == ["2008/1", "2009/1", "2009/2"]
