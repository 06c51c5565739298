import difflib

import pytest

from kvk.cli import app
from kvk.io.yaml import load_file
from kvk.models import Moete, Sak
from kvk.models.validation import validate

from ..authoring_fixtures import case_args, small_repo, tree_bytes

HAND_WRITTEN = """\
# Written by hand, with comments, odd spacing and flow style; only the number may change.
saksnr: 2008/50
tittel:   'Kjøp av brannbil'   # quoted on purpose
saksbehandler: per-berg
saksgang:
  - {utvalg: kommunestyret, moetedato: 2008-12-11}
  - utvalg: formannskapet      # first here
    moetedato: 20.11.2008
    utvalgssaksnr:             # to be filled in
    rolle: innstilling
"""

NUMBERED = """\
saksnr: 2008/44
tittel: Tidligere sak
saksbehandler: per-berg
saksgang:
  - utvalg: formannskapet
    moetedato: 2008-10-30
    utvalgssaksnr: 44/08
"""

PRENUMBERED = """\
saksnr: 2008/60
tittel: Allerede nummerert
saksbehandler: per-berg
saksgang:
  - {utvalg: formannskapet, moetedato: 2008-11-20, utvalgssaksnr: PS 47/08}
"""

OTHER_DATE = """\
saksnr: 2008/61
tittel: Et annet møte
saksbehandler: per-berg
saksgang:
  - {utvalg: formannskapet, moetedato: 2008-12-04}
"""

FLOW_WITHOUT_KEY = """\
saksnr: 2008/45
tittel: Flytstil
saksbehandler: per-berg
saksgang: [{utvalg: formannskapet, moetedato: 2008-11-20}]
"""


@pytest.fixture
def repo(tmp_path, runner):
    root = small_repo(tmp_path, {
        "data/saker/2008/2008-0050.yaml": HAND_WRITTEN,
        "data/saker/2008/2008-0044.yaml": NUMBERED,
        "data/saker/2008/2008-0060.yaml": PRENUMBERED,
        "data/saker/2008/2008-0061.yaml": OTHER_DATE,
        "data/saker/2008/2008-0045.yaml": FLOW_WITHOUT_KEY,
    })
    result = runner.invoke(app, case_args(root, tittel="Ny sak", moetedato="2008-11-20", dato="2008-11-01"))
    assert result.exit_code == 0, result.output
    return root


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_agenda_participants_and_numbers(runner, repo):
    case_file = repo / "data/saker/2008/2008-0050.yaml"
    before = {p: (repo / p).read_text(encoding="utf-8") for p in tree_bytes(repo)}
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                 "--dato", "20.11.2008"])
    assert result.exit_code == 0, result.output
    path = repo / "data/moter/2008/2008-11-20-formannskapet.yaml"
    assert result.stdout.strip() == str(path)

    meeting, diags = validate(Moete, load_file(path))
    assert diags == []
    assert [(p.nr, p.sak, p.tittel) for p in meeting.saker] == [
        # new numbers follow the highest in the series (PS 47/08 included), never fill gaps
        ("48/08", "2008/45", "Flytstil"),
        ("49/08", "2008/50", "Kjøp av brannbil"),
        ("PS 47/08", "2008/60", "Allerede nummerert"),
        ("50/08", "2008/62", "Ny sak"),
    ]
    assert [(d.person, d.rolle, d.oppmoete) for d in meeting.deltakere] == [
        ("ola-hansen", "leder", None), ("per-berg", "medlem", None), ("kari-nordmann", "sekretaer", None)]
    assert (meeting.moeteleder, meeting.referent, meeting.dokumenttype) == ("ola-hansen", "kari-nordmann", "innkalling")

    after = {p: (repo / p).read_text(encoding="utf-8") for p in tree_bytes(repo)}
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed == {"data/moter/2008/2008-11-20-formannskapet.yaml", "data/saker/2008/2008-0050.yaml",
                       "data/saker/2008/2008-0045.yaml", "data/saker/2008/2008-0062-ny-sak.yaml"}
    # hand-written file: exactly one line differs, comments and spacing intact
    assert _changed_lines(before["data/saker/2008/2008-0050.yaml"], case_file.read_text(encoding="utf-8")) == [
        "-    utvalgssaksnr:             # to be filled in",
        "+    utvalgssaksnr: 49/08             # to be filled in",
    ]
    assert _changed_lines(before["data/saker/2008/2008-0045.yaml"],
                          after["data/saker/2008/2008-0045.yaml"]) == [
        "-saksgang: [{utvalg: formannskapet, moetedato: 2008-11-20}]",
        "+saksgang: [{utvalg: formannskapet, moetedato: 2008-11-20, utvalgssaksnr: 48/08}]",
    ]
    new_case, _ = validate(Sak, load_file(repo / "data/saker/2008/2008-0062-ny-sak.yaml"))
    assert new_case.saksgang[0].utvalgssaksnr == "50/08"

    check = runner.invoke(app, ["check", "--repo", str(repo)])
    assert check.exit_code == 0, check.output


def test_numbering_starts_at_1_in_a_new_year(runner, repo):
    result = runner.invoke(app, ["new-case", *case_args(repo, moetedato="2009-01-15", dato="2009-01-02")[1:]])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                 "--dato", "2009-01-15"])
    assert result.exit_code == 0, result.output
    meeting, _ = validate(Moete, load_file(repo / "data/moter/2009/2009-01-15-formannskapet.yaml"))
    assert [p.nr for p in meeting.saker] == ["1/09"]


def test_a_body_without_cases_gets_an_empty_agenda(runner, repo):
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "kommunestyret",
                                 "--dato", "2008-12-18"])
    assert result.exit_code == 0, result.output
    meeting, diags = validate(Moete, load_file(repo / "data/moter/2008/2008-12-18-kommunestyret.yaml"))
    assert diags == [] and meeting.saker == [] and meeting.deltakere == []
    assert "the agenda is empty" in result.stderr


def test_existing_meeting_is_not_overwritten(runner, repo):
    args = ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet", "--dato", "2008-11-20"]
    assert runner.invoke(app, args).exit_code == 0
    before = tree_bytes(repo)
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert again.stderr.strip() == ("kvk: data/moter/2008/2008-11-20-formannskapet.yaml already exists; "
                                    "not overwritten (use --force to replace it)")
    assert tree_bytes(repo) == before
    forced = runner.invoke(app, args + ["--force"])  # numbers already given are kept, not doubled
    assert forced.exit_code == 0, forced.output
    assert tree_bytes(repo) == before


@pytest.mark.parametrize("args, message", [
    (["--utvalg", "formanskapet", "--dato", "2008-11-20"],
     "kvk: error KVK202 --utvalg: unknown body 'formanskapet' (did you mean 'formannskapet'?) "
     "(hint: add the body with 'kvk org body ID --navn NAME --type TYPE'; 'kvk list bodies' lists them)"),
    (["--utvalg", "formannskapet", "--dato", "2008-11-31"],
     "kvk: error KVK104 --dato: '2008-11-31' is not a date: november 2008 has 30 days"),
])
def test_bad_input(runner, repo, args, message):
    before = tree_bytes(repo)
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), *args])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message]
    assert tree_bytes(repo) == before


def test_a_broken_case_stops_it_rather_than_giving_a_wrong_agenda(runner, repo):
    (repo / "data/saker/2008/2008-0070.yaml").write_text(
        "saksnr: 2008/70\nsaksgang:\n  - utvalg: formannskapet\n    moetedato: [\n", encoding="utf-8")
    before = tree_bytes(repo)
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                 "--dato", "2008-11-20"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kvk: data/saker/2008/2008-0070.yaml:5:1: error KVK001")
    assert result.stderr.rstrip().endswith("fix it first (kvk check lists everything)")
    assert tree_bytes(repo) == before


def test_a_broken_file_about_another_body_is_not_read(runner, repo):
    (repo / "data/saker/2008/2008-0071.yaml").write_text(
        "saksnr: 2008/71\nsaksgang:\n  - utvalg: kommunestyret\n    moetedato: [\n", encoding="utf-8")
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                 "--dato", "2008-11-20"])
    assert result.exit_code == 0, result.output


def test_works_when_records_were_loaded_by_worker_processes(runner, repo, monkeypatch):
    """Large repositories load in parallel and drop source positions; the write-back must
    read them again rather than edit blind."""
    monkeypatch.setattr("kvk.io.pool.PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr("kvk.io.pool.os.cpu_count", lambda: 2)
    before = (repo / "data/saker/2008/2008-0050.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                 "--dato", "2008-11-20"])
    assert result.exit_code == 0, result.output
    after = (repo / "data/saker/2008/2008-0050.yaml").read_text(encoding="utf-8")
    assert _changed_lines(before, after) == ["-    utvalgssaksnr:             # to be filled in",
                                             "+    utvalgssaksnr: 49/08             # to be filled in"]
