"""A working day with kvk, end to end, in a real git repository (issue 11).

From `kvk init` to `kvk check --changed`, every command is run as a user would run it (from inside
the repository, without --repo), and each step checks that it finds what the earlier ones wrote.
The organisation is kept once as one file (data/organisasjon.yaml) and once as a folder
(data/organisasjon/personer.yaml and data/organisasjon/utvalg.yaml).
"""

from __future__ import annotations

import json
import shutil

import pytest

from kvk.cli import app

from .conftest import write_tree
from .gitrepos import commit_all, edit, git, git_env  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PEOPLE = """
personer:
  - id: kari-nordmann
    navn: Kari Nordmann
    tittel: Rådmann
    part: administrasjon
  - id: ola-hansen
    navn: Ola Hansen
    part: folkevalgt
  - id: per-berg
    navn: Per Berg
    part: folkevalgt
  - id: lise-vik
    navn: Lise Vik
    part: folkevalgt
"""

BODIES = """
utvalg:
  - id: formannskapet
    navn: Formannskapet
    type: formannskap
    medlemmer:
      - {person: ola-hansen, rolle: leder}
      - {person: per-berg, rolle: medlem}
      - {person: lise-vik, rolle: medlem}
      - {person: kari-nordmann, rolle: sekretaer}
"""

LAYOUTS = {
    "file": {"data/organisasjon.yaml": PEOPLE + BODIES},
    "folder": {"data/organisasjon/personer.yaml": PEOPLE, "data/organisasjon/utvalg.yaml": BODIES},
}
PEOPLE_FILE = {"file": "data/organisasjon.yaml", "folder": "data/organisasjon/personer.yaml"}

MEETING_ID = "2009-11-20-formannskapet"
MEETING = f"data/moter/2009/{MEETING_ID}.yaml"
BUDGET = "data/saker/2009/2009-0001-budsjett-2010.yaml"
SCHOOL = "data/saker/2009/2009-0002-skolestruktur.yaml"
ROADS = "data/saker/2009/2009-0003-vegplan.yaml"
ROADS_NEW = "data/saker/2009/2009-0004-vegplan.yaml"
KINDERGARTEN = "data/saker/2009/2009-0003-barnehagebehov.yaml"
INNSTILLING_BUDGET = "Formannskapet legger budsjettet for 2010 ut til offentlig ettersyn."
INNSTILLING_SCHOOL = "Skolestrukturen utredes videre til neste møte."
VEDTAK = "Budsjettet legges ut til offentlig ettersyn i fire uker."
TILTAK = "Kunngjøre ettersynet i lokalavisen"

TITLES = {"2009/1": "Budsjett 2010", "2009/2": "Skolestruktur", "2009/3": "Barnehagebehov", "2009/4": "Vegplan"}


def ok(result, code: int = 0):
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr, result.exception)
    return result


def new_case(runner, title: str, saksbehandler: str, moetedato: str, innstilling: str | None = None):
    args = ["new-case", "--no-input", "--tittel", title, "--saksbehandler", saksbehandler,
            "--utvalg", "formannskapet", "--moetedato", moetedato, "--innstilling-fra", "raadmann",
            "--dato", "2009-11-02"]
    if innstilling:
        args += ["--innstilling", innstilling]
    return ok(runner.invoke(app, args)).stdout.strip()


def json_out(runner, *args: str):
    return json.loads(ok(runner.invoke(app, [*args, "--format", "json"])).stdout)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_working_day(runner, tmp_path, git_env, monkeypatch, layout):  # noqa: F811 (git_env is a fixture)
    monkeypatch.chdir(tmp_path)

    # --- kvk init: a new repository, in git -------------------------------------------------------
    init = ok(runner.invoke(app, ["init", "bjugn", "--organisasjon", "Bjugn kommune", "--maalform", "nb",
                                  "--no-input"]))
    assert "bjugn/kvk.yaml" in init.stdout.splitlines()
    assert "bjugn/data/organisasjon.yaml" in init.stdout.splitlines()
    root = tmp_path / "bjugn"
    assert (root / ".git").is_dir()
    monkeypatch.chdir(root)
    ok(runner.invoke(app, ["check"]))

    # --- people and bodies (no command for that yet: the YAML by hand) ----------------------------
    if layout == "folder":
        (root / "data/organisasjon.yaml").unlink()
    write_tree(root, LAYOUTS[layout])
    assert ok(runner.invoke(app, ["check"])).stdout == ""
    people = json_out(runner, "list", "people")
    assert {p["id"]: p["navn"] for p in people} == {
        "kari-nordmann": "Kari Nordmann", "ola-hansen": "Ola Hansen", "per-berg": "Per Berg", "lise-vik": "Lise Vik"}
    commit_all(root, "People and bodies")

    # --- two new cases: the file names carry a slug of the title ---------------------------------
    assert new_case(runner, "Budsjett 2010", "kari-nordmann", "2009-11-20", INNSTILLING_BUDGET).endswith(BUDGET)
    assert new_case(runner, "Skolestruktur", "per-berg", "20.11.2009", INNSTILLING_SCHOOL).endswith(SCHOOL)
    assert (root / BUDGET).is_file() and (root / SCHOOL).is_file()
    ok(runner.invoke(app, ["check"]))
    commit_all(root, "Budsjett 2010 and Skolestruktur")

    # --- new-meeting: the body's members, both cases on the agenda, numbered ---------------------
    meeting = ok(runner.invoke(app, ["new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20"]))
    assert meeting.stdout.strip().endswith(MEETING)
    assert [line.split() for line in meeting.stderr.splitlines()] == [
        ["1/09", "2009/1", "Budsjett", "2010", "(numbered", "now)"],
        ["2/09", "2009/2", "Skolestruktur", "(numbered", "now)"],
    ]
    text = (root / MEETING).read_text(encoding="utf-8")
    for person in ("ola-hansen", "per-berg", "lise-vik", "kari-nordmann"):
        assert f"person: {person}" in text
    assert "moeteleder: ola-hansen" in text and "referent: kari-nordmann" in text
    assert "utvalgssaksnr: 1/09" in (root / BUDGET).read_text(encoding="utf-8")
    assert "utvalgssaksnr: 2/09" in (root / SCHOOL).read_text(encoding="utf-8")
    assert ok(runner.invoke(app, ["check"])).stdout == ""
    commit_all(root, "Innkalling Formannskapet 20.11.2009")

    # --- a second branch: both branches take the next number -------------------------------------
    git(root, "switch", "-q", "-c", "vegplan")
    assert new_case(runner, "Vegplan", "per-berg", "2009-12-03").endswith(ROADS)
    commit_all(root, "Vegplan")
    git(root, "switch", "-q", "main")
    assert new_case(runner, "Barnehagebehov", "kari-nordmann", "2009-12-03").endswith(KINDERGARTEN)
    commit_all(root, "Barnehagebehov")
    git(root, "merge", "-q", "--no-edit", "vegplan")  # no conflict: the file names differ
    assert (root / ROADS).is_file() and (root / KINDERGARTEN).is_file()

    collided = ok(runner.invoke(app, ["check"]), 1)
    lines = collided.stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [KINDERGARTEN, ROADS]
    assert all(" error KVK203 saksnr 2009/3 is also claimed by " in line for line in lines)
    assert ROADS in lines[0] and KINDERGARTEN in lines[1]

    # --- renumber-case settles it ------------------------------------------------------------------
    moved = ok(runner.invoke(app, ["renumber-case", ROADS, "2009/4"]))
    assert moved.stdout.strip().endswith(ROADS_NEW)
    assert (root / ROADS_NEW).is_file() and not (root / ROADS).exists()
    assert "saksnr: 2009/4" in (root / ROADS_NEW).read_text(encoding="utf-8")
    assert ok(runner.invoke(app, ["check"])).stdout == ""
    diff = ok(runner.invoke(app, ["diff"]))
    assert f"Sak 2009/3 → Sak 2009/4 «Vegplan» moved {ROADS} → {ROADS_NEW}" in diff.stdout
    assert "saksnr: 2009/3 → 2009/4" in diff.stdout
    commit_all(root, "Renumber Vegplan as 2009/4")

    # --- after the meeting: the minutes (by hand, as the secretary writes them) ------------------
    edit(root, MEETING, "dokumenttype: innkalling ", "dokumenttype: moeteprotokoll ")
    text = (root / MEETING).read_text(encoding="utf-8")
    assert text.count("    oppmoete:\n") == 4
    (root / MEETING).write_text(text.replace("    oppmoete:\n", "    oppmoete: moett\n"), encoding="utf-8")
    edit(root, MEETING, "    saksbehandler: kari-nordmann\n",
         f"    saksbehandler: kari-nordmann\n    vedtak: {VEDTAK}\n    oppfoelging:\n"
         f"      - {{tiltak: {TILTAK}, ansvarlig: kari-nordmann, frist: 2009-11-27}}\n")
    assert ok(runner.invoke(app, ["check"])).stdout == ""
    commit_all(root, "Protokoll Formannskapet 20.11.2009")

    # --- every document, in Markdown and HTML ------------------------------------------------------
    for fmt in ("md", "html"):
        for saksnr, title in TITLES.items():
            doc = ok(runner.invoke(app, ["render-case", saksnr, "--format", fmt])).stdout
            assert title in doc and "Bjugn kommune" in doc, (saksnr, fmt)
        budget = ok(runner.invoke(app, ["render-case", "2009/1", "--format", fmt])).stdout
        assert INNSTILLING_BUDGET in budget and "Kari Nordmann" in budget and "Formannskapet" in budget
        assert INNSTILLING_SCHOOL in ok(runner.invoke(app, ["render-case", "2009/2", "--format", fmt])).stdout

        agenda = ok(runner.invoke(app, ["render-agenda", MEETING_ID, "--format", fmt])).stdout
        for needle in ("Budsjett 2010", "Skolestruktur", INNSTILLING_BUDGET, INNSTILLING_SCHOOL, "1/09", "2/09",
                       "Ola Hansen", "Formannskapet"):
            assert needle in agenda, (fmt, needle)

        minutes = ok(runner.invoke(app, ["render-minutes", MEETING_ID, "--format", fmt])).stdout
        for needle in ("Budsjett 2010", "Skolestruktur", VEDTAK, "Ola Hansen", "Per Berg", "Lise Vik",
                       "Formannskapet"):
            assert needle in minutes, (fmt, needle)

    # --- list, show, actions -----------------------------------------------------------------------
    cases = json_out(runner, "list", "cases")
    assert {c["saksnr"]: c["tittel"] for c in cases} == TITLES
    assert {c["saksnr"]: c["path"] for c in cases} == {
        "2009/1": BUDGET, "2009/2": SCHOOL, "2009/3": KINDERGARTEN, "2009/4": ROADS_NEW}
    numbers = {c["saksnr"]: [g["utvalgssaksnr"] for g in c["saksgang"]] for c in cases}
    assert numbers == {"2009/1": ["1/09"], "2009/2": ["2/09"], "2009/3": [None], "2009/4": [None]}
    assert {c["saksnr"] for c in json_out(runner, "list", "cases", "--aar", "2009", "--saksbehandler",
                                           "per-berg")} == {"2009/2", "2009/4"}
    meetings = json_out(runner, "list", "meetings")
    assert [(m["id"], m["saker"], m["dokumenttype"], m["path"]) for m in meetings] == [
        (MEETING_ID, 2, "moeteprotokoll", MEETING)]
    assert {p["id"] for p in json_out(runner, "list", "people", "--utvalg", "formannskapet")} == {
        "kari-nordmann", "ola-hansen", "per-berg", "lise-vik"}
    bodies = json_out(runner, "list", "bodies")
    assert [(b["id"], b["navn"], b["medlemmer"], b["moeter"]) for b in bodies] == [
        ("formannskapet", "Formannskapet", 4, 1)]

    shown = ok(runner.invoke(app, ["show", "2009/1"])).stdout
    assert BUDGET in shown and "Budsjett 2010" in shown and "Kari Nordmann" in shown and "Formannskapet" in shown
    shown = ok(runner.invoke(app, ["show", MEETING_ID])).stdout
    assert MEETING in shown and "Ola Hansen" in shown and "Skolestruktur" in shown

    actions = json_out(runner, "actions", "--as-of", "2009-12-01")
    assert [(a["tiltak"], a["ansvarlig_navn"], a["frist"], a["overdue"], a["moete"], a["punkt"])
            for a in actions["actions"]] == [(TILTAK, "Kari Nordmann", "2009-11-27", True, MEETING_ID, "1/09")]

    # --- history: log follows a case through its renumbering ---------------------------------------
    log = ok(runner.invoke(app, ["log", "2009/4"])).stdout
    assert "Renumber Vegplan as 2009/4" in log and "Vegplan\n" in log
    assert "Barnehagebehov" not in log
    log = ok(runner.invoke(app, ["log", "2009/1"])).stdout
    assert "Budsjett 2010 and Skolestruktur" in log and "Innkalling Formannskapet 20.11.2009" in log
    log = ok(runner.invoke(app, ["log", MEETING_ID])).stdout
    assert "Innkalling Formannskapet 20.11.2009" in log and "Protokoll Formannskapet 20.11.2009" in log

    # --- a review branch: check --changed catches an unknown person, then passes ------------------
    git(root, "switch", "-q", "-c", "retting")
    edit(root, SCHOOL, "saksbehandler: per-berg", "saksbehandler: per-b")
    changed = ok(runner.invoke(app, ["check", "--changed"]), 1)
    assert [line.split(" (hint")[0] for line in changed.stdout.splitlines()] == [
        f"{SCHOOL}:9:16: error KVK201 unknown person 'per-b'"]
    edit(root, SCHOOL, "saksbehandler: per-b", "saksbehandler: per-berg")
    assert ok(runner.invoke(app, ["check", "--changed"])).stdout == ""

    # ... and a person's id renamed in the organisation, the references left behind
    people_file = PEOPLE_FILE[layout]
    edit(root, people_file, "id: lise-vik", "id: lise-viken")
    full = ok(runner.invoke(app, ["check"]), 1)
    assert full.stdout and all(" error KVK201 unknown person 'lise-vik'" in line for line in full.stdout.splitlines())
    changed = ok(runner.invoke(app, ["check", "--changed", "HEAD"]), 1)
    assert changed.stdout == full.stdout
    edit(root, people_file, "id: lise-viken", "id: lise-vik")
    assert ok(runner.invoke(app, ["check", "--changed", "HEAD"])).stdout == ""
