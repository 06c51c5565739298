"""Issue 11 ("One house"): every defect a new user met, one test (or a small group) each.

These tests drive kvk only through its command line (typer's CliRunner on ``kvk.cli.app``, or a
real ``kvk`` process), so they keep their meaning while the package is restructured. Each of them
failed on main before issue 11 was fixed; the few that already passed are references and say so.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kvk.cli import app

from .authoring_fixtures import case_args, git, small_repo, tree_bytes
from .conftest import write_tree

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

BUDGET = "data/saker/2009/2009-0001-budsjett-2010.yaml"
SCHOOL = "data/saker/2009/2009-0001-skolestruktur.yaml"
MEETING_ID = "2009-11-20-formannskapet"
MEETING = f"data/moter/2009/{MEETING_ID}.yaml"
INNSTILLING = "Formannskapet vedtar budsjettet for 2010 slik det foreligger."


def kvk(runner, repo: Path, *args: str):
    """Run one command against ``repo`` (``--repo`` goes after the command and its subcommand)."""
    head = list(args[:2]) if args[:1] == ("list",) else list(args[:1])
    return runner.invoke(app, [*head, "--repo", str(repo), *args[len(head):]])


def changed_lines(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{text}"
    return lines[0]


# --- 1. a case file named with a title slug is found by every command -----------------------------

@pytest.fixture
def budget(tmp_path, runner) -> Path:
    """A repository where `kvk new-case` made 2009/1 (a slug file name) and `kvk new-meeting` put it on
    the agenda of Formannskapet 20.11.2009."""
    repo = small_repo(tmp_path / "repo")
    made = runner.invoke(app, case_args(repo, innstilling=INNSTILLING))
    assert made.exit_code == 0, made.output
    assert made.stdout.strip().endswith(BUDGET)
    assert (repo / BUDGET).is_file()
    meeting = kvk(runner, repo, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20")
    assert meeting.exit_code == 0, meeting.output
    assert "1/09  2009/1  Budsjett 2010" in meeting.stderr
    return repo


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_case_finds_a_case_whose_file_name_has_a_title_slug(runner, budget, fmt):
    result = kvk(runner, budget, "render-case", "2009/1", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Budsjett 2010" in result.stdout
    assert INNSTILLING in result.stdout
    assert "Kari Nordmann" in result.stdout  # the saksbehandler, by name


def test_show_finds_a_case_whose_file_name_has_a_title_slug(runner, budget):
    """Reference: `kvk show` already found it before issue 11."""
    result = kvk(runner, budget, "show", "2009/1")
    assert result.exit_code == 0, result.output
    assert BUDGET in result.stdout and "Budsjett 2010" in result.stdout and "Kari Nordmann" in result.stdout


@needs_git
def test_log_finds_the_commits_of_a_case_whose_file_name_has_a_title_slug(runner, budget):
    git(budget, "init", "-q")
    git(budget, "add", "-A")
    git(budget, "commit", "-qm", "Budsjett 2010 til formannskapet")
    sha = git(budget, "rev-parse", "--short=7", "HEAD").strip()
    result = kvk(runner, budget, "log", "2009/1")
    assert result.exit_code == 0, result.output
    assert "Budsjett 2010 til formannskapet" in result.stdout
    assert sha in result.stdout
    assert BUDGET in result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_agenda_prints_the_innstilling_of_a_case_whose_file_name_has_a_title_slug(runner, budget, fmt):
    result = kvk(runner, budget, "render-agenda", MEETING_ID, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Budsjett 2010" in result.stdout
    assert INNSTILLING in result.stdout
    assert "innstilling" in result.stdout.lower()  # under its heading ("Rådmannens innstilling")


@pytest.mark.parametrize("command", ["render-agenda", "render-minutes"])
def test_public_documents_close_the_item_of_a_skjermet_case_whose_file_name_has_a_title_slug(
        runner, tmp_path, command):
    """The case data a meeting's documents take from the case: a wholly skjermet case closes its
    item in the public variant. (The minutes never print a case's innstilling, whatever the file
    name; what they take from the case is this, and whether its saksnr is shown.)"""
    repo = small_repo(tmp_path / "repo")
    assert runner.invoke(app, case_args(repo, innstilling=INNSTILLING)).exit_code == 0
    path = repo / BUDGET
    text = path.read_text(encoding="utf-8")
    for old, new in (("\noffentlig_tittel: ", "\noffentlig_tittel: Personalsak #"),
                     ("\nskjerming: ", '\nskjerming: {hjemmel: "offl. § 13"} #')):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    assert kvk(runner, repo, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20").exit_code == 0
    assert kvk(runner, repo, "check").exit_code == 0
    result = kvk(runner, repo, command, MEETING_ID, "--public")
    assert result.exit_code == 0, result.output
    assert "Unntatt offentlighet, offl. § 13" in result.stdout
    assert "Personalsak" in result.stdout
    assert "Budsjett 2010" not in result.stdout
    assert INNSTILLING not in result.stdout and "Kari Nordmann" not in result.stdout.split("## ", 1)[-1]


# --- 2. an agenda item pointing at a missing case is an error, not a silent gap --------------------

@pytest.mark.parametrize("command", ["render-agenda", "render-minutes"])
def test_rendering_a_meeting_whose_item_names_a_missing_case_fails(runner, tmp_path, command):
    repo = small_repo(tmp_path / "repo", {MEETING: """
        utvalg: formannskapet
        moetedato: 2009-11-20
        dokumenttype: innkalling
        saker:
          - nr: 1/09
            tittel: Budsjett 2010
            sak: 2009/99
            type: PS
        """})
    result = kvk(runner, repo, command, MEETING_ID)
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert "KVK205" in line and MEETING in line and "2009/99" in line
    assert result.stdout == ""  # no document with a hole in it


# --- 3. renumber-case changes the agenda item of the case it moves ---------------------------------

def colliding_case(title: str, saksbehandler: str, utvalgssaksnr: str | None) -> str:
    number = f"\n    utvalgssaksnr: {utvalgssaksnr}" if utvalgssaksnr else ""
    return textwrap.dedent(f"""\
        saksnr: 2009/1
        tittel: {title}
        saksbehandler: {saksbehandler}
        saksgang:
          - utvalg: formannskapet
            moetedato: 2009-11-20""") + number + "\n"


BOTH_ON_THE_AGENDA = """
utvalg: formannskapet
moetedato: 2009-11-20
dokumenttype: innkalling
deltakere:
  - {person: ola-hansen, rolle: leder}
  - {person: per-berg, rolle: medlem}
moeteleder: ola-hansen
saker:
  - nr: 1/09
    tittel: Budsjett 2010
    sak: 2009/1
    type: PS
  - nr: 2/09
    tittel: Skolestruktur
    sak: 2009/1
    type: PS
"""

#: which case is moved -> (its file, its file after the move, its item's nr, the other item's nr)
MOVES = {
    "budsjett (first item)": (BUDGET, "data/saker/2009/2009-0002-budsjett-2010.yaml", "1/09", "2/09"),
    "skolestruktur (second item)": (SCHOOL, "data/saker/2009/2009-0002-skolestruktur.yaml", "2/09", "1/09"),
}


def agenda(repo: Path) -> dict[str, str]:
    """{item nr: sak} of the meeting file, as the user reads it there."""
    items, nr = {}, None
    for line in (repo / MEETING).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- nr:"):
            nr = stripped.split(":", 1)[1].split("#")[0].strip().strip("'\"")
        elif stripped.startswith("sak:") and nr is not None:
            items[nr] = stripped.split(":", 1)[1].split("#")[0].strip()
    return items


@pytest.mark.parametrize("moved", list(MOVES))
def test_renumber_case_changes_the_item_of_the_case_it_moves(runner, tmp_path, moved):
    repo = small_repo(tmp_path / "repo", {
        BUDGET: colliding_case("Budsjett 2010", "kari-nordmann", "1/09"),
        SCHOOL: colliding_case("Skolestruktur", "per-berg", "2/09"),
        MEETING: BOTH_ON_THE_AGENDA,
    })
    old, new, own_nr, other_nr = MOVES[moved]
    assert agenda(repo) == {"1/09": "2009/1", "2/09": "2009/1"}
    result = kvk(runner, repo, "renumber-case", str(repo / old), "2009/2")
    assert result.exit_code == 0, result.output
    assert (repo / new).is_file() and not (repo / old).exists()
    assert agenda(repo) == {own_nr: "2009/2", other_nr: "2009/1"}
    assert f"updated reference at {MEETING}:" in result.stderr
    check = kvk(runner, repo, "check")
    assert (check.exit_code, check.stdout) == (0, "")


@needs_git
def test_renumber_case_after_a_real_merge_changes_the_item_added_by_hand(runner, tmp_path):
    """Branch 'budsjett' makes case 2009/1 and the meeting; branch 'skole' makes another 2009/1 for
    the same meeting. After the merge the secretary adds the second case to the agenda by hand, as
    item 2/09. Renumbering the skole case must follow it into that item only."""
    repo = small_repo(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    git(repo, "checkout", "-qb", "budsjett")
    assert runner.invoke(app, case_args(repo, tittel="Budsjett 2010")).exit_code == 0
    assert kvk(runner, repo, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20").exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "budsjett")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "skole")
    assert runner.invoke(app, case_args(repo, tittel="Skolestruktur", saksbehandler="per-berg")).exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "skole")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "budsjett")
    git(repo, "merge", "-q", "--no-edit", "skole")
    assert (repo / BUDGET).is_file() and (repo / SCHOOL).is_file()

    # by hand: the skole case becomes item 2/09, in the meeting and in its saksgang
    meeting = (repo / MEETING).read_text(encoding="utf-8")
    assert meeting.count("    sak: 2009/1\n") == 1
    meeting = meeting.replace("signatur: []", textwrap.dedent("""\
          - nr: 2/09
            tittel: Skolestruktur
            sak: 2009/1
            type: PS
            saksbehandler: per-berg
        signatur: []"""), 1)
    (repo / MEETING).write_text(meeting, encoding="utf-8")
    school = (repo / SCHOOL).read_text(encoding="utf-8")
    assert "    utvalgssaksnr:  " in school
    (repo / SCHOOL).write_text(school.replace("    utvalgssaksnr:  ", "    utvalgssaksnr: 2/09", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "skolestruktur on the agenda as 2/09")
    assert agenda(repo) == {"1/09": "2009/1", "2/09": "2009/1"}

    result = kvk(runner, repo, "renumber-case", str(repo / SCHOOL), "2009/2")
    assert result.exit_code == 0, result.output
    assert agenda(repo) == {"1/09": "2009/1", "2/09": "2009/2"}
    check = kvk(runner, repo, "check")
    assert (check.exit_code, check.stdout) == (0, "")
    status = git(repo, "status", "--porcelain").splitlines()
    moved = "data/saker/2009/2009-0002-skolestruktur.yaml"
    assert f"R  {SCHOOL} -> {moved}" in status or f"RM {SCHOOL} -> {moved}" in status


# --- 4. new-meeting refuses while two cases claim one number ---------------------------------------

@needs_git
def test_new_meeting_refuses_while_two_cases_on_its_agenda_share_a_number(runner, tmp_path):
    repo = small_repo(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    for branch, title in (("budsjett", "Budsjett 2010"), ("skole", "Skolestruktur")):
        git(repo, "checkout", "-q", "main")
        git(repo, "checkout", "-qb", branch)
        made = runner.invoke(app, case_args(repo, tittel=title))
        assert made.exit_code == 0, made.output
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", title)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "budsjett")
    git(repo, "merge", "-q", "--no-edit", "skole")
    before = tree_bytes(repo)
    assert BUDGET in before and SCHOOL in before

    result = kvk(runner, repo, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20")
    assert result.exit_code == 2, result.output
    assert BUDGET in result.stderr and SCHOOL in result.stderr
    assert "kvk renumber-case" in result.stderr
    assert not (repo / MEETING).exists()
    assert tree_bytes(repo) == before


# --- 5. check --changed sees a change to the organisation kept as a folder -------------------------

PEOPLE = """
personer:
  - {id: ola-hansen, navn: Ola Hansen}
  - {id: kari-nordmann, navn: Kari Nordmann}
  - {id: per-berg, navn: Per Berg}
"""
BODIES = """
utvalg:
  - id: formannskapet
    navn: Formannskapet
    type: formannskap
    medlemmer:
      - {person: ola-hansen, rolle: leder}
      - {person: per-berg, rolle: medlem}
"""
A_CASE = """
saksnr: 2009/1
tittel: Budsjett 2010
saksbehandler: kari-nordmann
"""


@needs_git
@pytest.mark.parametrize("layout", ["folder", "file (reference)"])
def test_check_changed_sees_a_person_renamed_in_the_organisation(runner, tmp_path, layout):
    """A person's id renamed, the references left: `check --changed HEAD` must say what `check` says.
    The organisation as one file already worked before issue 11; as a folder it reported nothing."""
    if layout == "folder":
        org = {"data/organisasjon/personer.yaml": PEOPLE, "data/organisasjon/utvalg.yaml": BODIES}
        people = "data/organisasjon/personer.yaml"
    else:
        org = {"data/organisasjon.yaml": PEOPLE + BODIES}
        people = "data/organisasjon.yaml"
    repo = write_tree(tmp_path / "repo", {"kvk.yaml": "organisasjon: Testkommune\n", **org,
                                          "data/saker/2009/2009-0001.yaml": A_CASE})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    assert kvk(runner, repo, "check").exit_code == 0

    text = (repo / people).read_text(encoding="utf-8")
    (repo / people).write_text(text.replace("id: kari-nordmann,", "id: kari-n,"), encoding="utf-8")
    full = kvk(runner, repo, "check")
    assert full.exit_code == 1
    assert [line.split(" (hint")[0] for line in full.stdout.splitlines()] == [
        "data/saker/2009/2009-0001.yaml:3:16: error KVK201 unknown person 'kari-nordmann'"]
    changed = kvk(runner, repo, "check", "--changed", "HEAD")
    assert changed.exit_code == 1, changed.output
    assert changed.stdout == full.stdout


# --- 6. files kvk writes get the mode any program's would ------------------------------------------

@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


OUTPUTS = {
    "render-scorecard": (["render-scorecard", "--format", "html", "-o", "{out}/styringskort.html"],
                         "styringskort.html"),
    "check-indicators --plot": (["check-indicators", "--plot", "{out}/charts"], "charts/demo-sykefravaer-pro.svg"),
    # a new document already got 0644 before issue 11; a rewritten one did not keep its mode
    "render-minutes": (["render-minutes", "2009-10-30-styringsgruppa", "-o", "{out}/referat.md"], "referat.md"),
}


def _output_args(args: list[str], out: Path) -> list[str]:
    return [a.replace("{out}", str(out)) for a in args]


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_new_output_file_gets_the_mode_the_umask_gives(runner, seed_repo, tmp_path, umask_022, what):
    args, produced = OUTPUTS[what]
    out = tmp_path / "out"
    out.mkdir()
    result = kvk(runner, seed_repo, *_output_args(args, out))
    assert result.exit_code in (0, 1), result.output  # check-indicators may report findings
    assert (out / produced).is_file()
    assert oct(mode(out / produced)) == oct(0o644)
    if what == "check-indicators --plot":
        assert {oct(mode(p)) for p in (out / "charts").glob("*.svg")} == {oct(0o644)}


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_rewritten_output_file_keeps_its_mode(runner, seed_repo, tmp_path, umask_022, what):
    args, produced = OUTPUTS[what]
    out = tmp_path / "out"
    (out / produced).parent.mkdir(parents=True)
    (out / produced).write_text("old\n", encoding="utf-8")
    os.chmod(out / produced, 0o640)
    result = kvk(runner, seed_repo, *_output_args(args, out))
    assert result.exit_code in (0, 1), result.output
    assert (out / produced).read_text(encoding="utf-8") != "old\n"
    assert oct(mode(out / produced)) == oct(0o640)


def test_record_files_rewritten_by_kvk_keep_their_mode(runner, tmp_path, umask_022):
    """new-meeting writes the utvalgssaksnr back into the case, renumber-case rewrites its saksnr:
    a case file someone made group-readable only stays that way."""
    repo = small_repo(tmp_path / "repo")
    assert runner.invoke(app, case_args(repo)).exit_code == 0
    assert oct(mode(repo / BUDGET)) == oct(0o644)  # new: as the umask gives (already so before issue 11)
    os.chmod(repo / BUDGET, 0o640)
    assert kvk(runner, repo, "new-meeting", "--utvalg", "formannskapet", "--dato", "2009-11-20").exit_code == 0
    assert "utvalgssaksnr: 1/09" in (repo / BUDGET).read_text(encoding="utf-8")
    assert oct(mode(repo / BUDGET)) == oct(0o640), "new-meeting's write-back"  # (already so before issue 11)
    assert kvk(runner, repo, "renumber-case", "2009/1", "2009/5").exit_code == 0
    assert oct(mode(repo / "data/saker/2009/2009-0005-budsjett-2010.yaml")) == oct(0o640), "renumber-case"


# --- 7. a broken scorecard template is reported like a broken document template -------------------

@pytest.mark.parametrize("template,command", [
    ("scorecard.html.j2", ["render-scorecard", "--format", "html", "-o", "out.html"]),
    ("protokoll.md.j2", ["render-minutes", "2009-10-30-styringsgruppa", "-o", "out.md"]),  # reference
], ids=["scorecard", "protokoll (reference)"])
def test_an_undefined_name_in_a_template_override_is_one_line_kvk304(runner, seed_repo, monkeypatch,
                                                                    template, command):
    write_tree(seed_repo, {f"templates/{template}": "<p>Styringskort</p>\n{{ no_such_name }}\n"})
    monkeypatch.chdir(seed_repo)
    result = kvk(runner, seed_repo, *command)
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert "KVK304" in line and f"templates/{template}:2" in line
    assert "Traceback" not in result.output
    assert not (seed_repo / command[-1]).exists()


# --- 8. a kvk bug exits 70 with one line, not as if the user had made a mistake -------------------

def _internal_error_line(stderr: str) -> str:
    line = one_line(stderr)
    assert line.startswith("kvk: internal error"), line
    assert "report" in line.lower(), line
    return line


def test_an_internal_error_exits_70_with_one_line(runner, seed_repo, monkeypatch):
    from kvk.repository import Repository

    def broken(cls, *args, **kwargs):
        confidential = "fødselsnummer 01010112345"  # a local that must never be printed
        raise RuntimeError(f"boom ({len(confidential)})")

    monkeypatch.setattr(Repository, "open", classmethod(broken))
    result = kvk(runner, seed_repo, "check")
    assert result.exit_code == 70, (result.exit_code, result.output, result.exception)
    _internal_error_line(result.stderr)
    assert "Traceback" not in result.output and "01010112345" not in result.output


def test_an_internal_error_in_a_real_process_exits_70_without_a_traceback(seed_repo):
    """The same in a real process, where typer would print its (rich) traceback."""
    program = textwrap.dedent("""\
        import sys
        from kvk.repository import Repository

        def broken(cls, *args, **kwargs):
            confidential = "fødselsnummer 01010112345"
            raise RuntimeError("boom")

        Repository.open = classmethod(broken)
        from kvk.cli import app
        sys.argv = ["kvk", "check", "--repo", sys.argv[1]]
        app()
        """)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("KVK_REPO", None)
    result = subprocess.run([sys.executable, "-c", program, str(seed_repo)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 70, (result.returncode, result.stderr[-2000:])
    _internal_error_line(result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert "01010112345" not in result.stderr + result.stdout


# --- 9. --format json reports a failure's code and place -----------------------------------------

@pytest.mark.parametrize("command", [["check", "--format", "json"], ["list", "cases", "--format", "json"]],
                         ids=["check", "list cases"])
def test_a_broken_kvk_yaml_is_a_json_error_with_code_and_place(runner, tmp_path, command):
    repo = write_tree(tmp_path / "repo", {"kvk.yaml": "organisasjon: X\nmaalform: nb\nfoo: 1\n",
                                          "data/saker/2009/2009-0001.yaml": A_CASE})
    result = kvk(runner, repo, *command)
    assert result.exit_code == 2, result.output
    assert result.stdout.strip(), "nothing on standard output"
    data = json.loads(result.stdout)
    error = data["error"]
    assert (error["code"], error["path"], error["line"]) == ("KVK013", "kvk.yaml", 3)
    assert error["column"] == 1
    assert "foo" in error["message"]
    assert "hint" in error


# --- 10. half states: an item's number and its case's utvalgssaksnr must agree (KVK217) -----------

def half_state(root: Path, case_number: str | None, item_nr: str = "1/09") -> Path:
    """Case 2009/1 is item ``item_nr`` of the meeting, but its saksgang says ``case_number`` (None:
    the key is there, empty, as new-case writes it); case 2009/2 agrees with its item 2/09."""
    number = f"\n    utvalgssaksnr: {case_number or ''}".rstrip()
    return small_repo(root, {
        "data/saker/2009/2009-0001.yaml": textwrap.dedent("""\
            saksnr: 2009/1
            tittel: Budsjett 2010
            saksbehandler: kari-nordmann
            saksgang:
              - utvalg: formannskapet
                moetedato: 2009-11-20""") + number + "\n    rolle: vedtak\n",
        "data/saker/2009/2009-0002.yaml": textwrap.dedent("""\
            saksnr: 2009/2
            tittel: Skolestruktur
            saksbehandler: per-berg
            saksgang:
              - utvalg: formannskapet
                moetedato: 2009-11-20
                utvalgssaksnr: 2/09
            """),
        MEETING: f"""
            utvalg: formannskapet
            moetedato: 2009-11-20
            dokumenttype: innkalling
            saker:
              - nr: {item_nr}
                tittel: Budsjett 2010
                sak: 2009/1
                type: PS
              - nr: 2/09
                tittel: Skolestruktur
                sak: 2009/2
                type: PS
            """,
    })


@pytest.mark.parametrize("case_number", [None, "4/09"], ids=["case-without-number", "case-with-another-number"])
def test_an_item_number_the_case_does_not_carry_is_kvk217(runner, tmp_path, case_number):
    repo = half_state(tmp_path / "repo", case_number)
    result = kvk(runner, repo, "check")
    assert result.exit_code == 1, result.output
    findings = [line for line in result.stdout.splitlines() if " KVK217 " in line]
    assert len(findings) == 1, result.stdout
    assert findings[0].startswith("data/saker/2009/2009-0001.yaml:")
    assert " error KVK217 " in findings[0]
    assert f"kvk number-agenda {MEETING_ID}" in findings[0].split("(hint:", 1)[1]
    assert "2009-0002" not in result.stdout  # the case whose number agrees is fine


@pytest.mark.parametrize("case_number", [None, "4/09"], ids=["case-without-number", "case-with-another-number"])
def test_number_agenda_writes_the_items_numbers_into_the_cases(runner, tmp_path, case_number):
    repo = half_state(tmp_path / "repo", case_number)
    before = tree_bytes(repo)
    result = kvk(runner, repo, "number-agenda", MEETING_ID)
    assert result.exit_code == 0, result.output
    after = tree_bytes(repo)
    case_file = "data/saker/2009/2009-0001.yaml"
    diff = changed_lines(before[case_file], after[case_file])
    assert [line[1:].strip() for line in diff if line[0] == "-"] == [f"utvalgssaksnr: {case_number or ''}".strip()]
    assert [line[1:].strip() for line in diff if line[0] == "+"] == ["utvalgssaksnr: 1/09"]
    assert {p for p in after if before.get(p) != after[p]} == {case_file}  # nothing else changes
    check = kvk(runner, repo, "check")
    assert (check.exit_code, check.stdout) == (0, "")


def test_number_agenda_of_an_unknown_meeting_is_a_usage_error(runner, tmp_path):
    repo = half_state(tmp_path / "repo", None)
    before = tree_bytes(repo)
    result = kvk(runner, repo, "number-agenda", "2009-12-24-formannskapet")
    assert result.exit_code == 2, result.output
    assert "2009-12-24-formannskapet" in one_line(result.stderr)
    assert "No such command" not in result.output
    assert tree_bytes(repo) == before


def test_items_numbered_without_a_year_need_no_utvalgssaksnr(runner, tmp_path):
    """Reference (passes before issue 11 too): "1", "2" as in the seed minutes are not a body's
    number series, so the case need not carry them."""
    repo = half_state(tmp_path / "repo", None, item_nr='"1"')
    result = kvk(runner, repo, "check")
    assert (result.exit_code, result.stdout) == (0, "")
