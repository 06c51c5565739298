"""kvk check --changed in real git repositories."""

import pytest

from kvk.cli import app
from kvk.models.common import date_spellings, saksnr_spellings
from kvk.repository import Repository

from ..gitrepos import APPROVAL, case, commit_all, edit, git, git_env, records  # noqa: F401

MEETING = "data/moter/2009/2009-11-12-formannskapet.yaml"
C17, C18, C30 = (f"data/saker/2009/2009-00{n}.yaml" for n in (17, 18, 30))


@pytest.fixture(autouse=True, params=["python", "git grep"])
def search(request, monkeypatch):
    """Every test twice: the related records found by reading the files in Python, and by
    git grep (which kvk uses from Repository.GREP_FROM files on; these repositories are small)."""
    monkeypatch.setattr(Repository, "GREP_FROM", 10**9 if request.param == "python" else 0)
    return request.param


def run(runner, *args):
    return runner.invoke(app, ["check", "--changed", *args])


def test_nothing_changed(runner, records):
    result = run(runner)
    assert result.exit_code == 0, result.output
    main = git(records, "rev-parse", "--short=7", "main").strip()
    assert result.stdout == ""
    assert result.stderr == (f"0 files checked, 0 changed since the merge base with main ({main}) "
                             f"and 0 related: 0 errors, 0 warnings\n")


def test_renumbered_case_breaks_the_meeting_that_lists_it(runner, records):
    git(records, "mv", C17, "data/saker/2009/2009-0019.yaml")
    edit(records, "data/saker/2009/2009-0019.yaml", "saksnr: 2009/17", "saksnr: 2009/19")
    result = run(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{MEETING}:10:10: error KVK205 agenda item refers to case 2009/17, which does not exist"
        " (hint: create the case or fix the saksnr)",
        "data/saker/2009/2009-0019.yaml:5:5: error KVK206 the meeting 2009-11-12-formannskapet exists but"
        " does not list case 2009/19 (hint: add the case to the meeting's agenda, or fix the saksgang)",
    ]
    # fixing the meeting too makes the branch clean
    edit(records, MEETING, "sak: 2009/17", "sak: 2009/19")
    result = run(runner)
    assert result.exit_code == 0, result.stdout
    assert "3 files checked, 2 changed since" in result.stderr and "and 1 related" in result.stderr  # 2009/18


def test_deleted_case_is_caught_in_the_meeting(runner, records):
    git(records, "rm", "-q", C18)
    result = run(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{MEETING}:13:10: error KVK205 agenda item refers to case 2009/18, which does not exist"
        " (hint: create the case or fix the saksnr)"]


def test_meeting_dropping_a_case_is_caught_in_the_case(runner, records):
    edit(records, MEETING, "    sak: 2009/18\n", "")
    result = run(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{C18}:5:5: error KVK206 the meeting 2009-11-12-formannskapet exists but does not list case"
        " 2009/18 (hint: add the case to the meeting's agenda, or fix the saksgang)"]
    assert "3 files checked, 1 changed since" in result.stderr and "and 2 related" in result.stderr


def test_untracked_and_staged_files_count(runner, records):
    (records / "data/saker/2009/2009-0031.yaml").write_text(case(31, "2009-12-03").replace("ola", "olaf"))
    edit(records, C30, "saksbehandler: ola", "saksbehandler: pr")
    git(records, "add", C30)
    result = run(runner)
    assert result.exit_code == 1
    assert [line.split(" (hint")[0] for line in result.stdout.splitlines()] == [
        "data/saker/2009/2009-0030.yaml:3:16: error KVK201 unknown person 'pr'",
        "data/saker/2009/2009-0031.yaml:3:16: error KVK201 unknown person 'olaf'",
    ]


def test_unchanged_errors_elsewhere_are_not_reported(runner, records):
    git(records, "switch", "-q", "main")
    edit(records, C30, "saksbehandler: ola", "saksbehandler: nobody")
    commit_all(records, "an old mistake on main")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "main")
    edit(records, C17, "Sak nummer 17", "Sak nummer sytten")
    assert runner.invoke(app, ["check"]).exit_code == 1
    result = run(runner)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_explicit_ref_and_paths(runner, records):
    edit(records, C17, "saksbehandler: ola", "saksbehandler: x1")
    commit_all(records, "one")
    edit(records, C30, "saksbehandler: ola", "saksbehandler: x2")
    result = run(runner, "HEAD")
    assert [line[:40] for line in result.stdout.splitlines()] == [f"{C30}:3:16: error KVK201"[:40]]
    result = run(runner, "main", "data/saker/2009/2009-0017.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{C17}:3:16: error KVK201 unknown person 'x1'")
    assert C30 not in result.stdout


def test_broken_yaml_in_a_changed_file(runner, records):
    edit(records, C17, "tittel: Sak nummer 17", "tittel: Sak: nummer 17")
    result = run(runner)
    assert result.exit_code == 1
    # as in a full check, the broken file is reported and the meeting pointing at it is not:
    # the case exists (its number is read from the file name), it just does not load
    assert [line.split(" (hint")[0] for line in result.stdout.splitlines()] == [
        f"{C17}:2:12: error KVK001 invalid YAML: mapping values are not allowed here",
    ]


def test_organisation_change_checks_everything(runner, records):
    edit(records, "data/organisasjon.yaml", "  - {id: ola, navn: Ola Nordmann}\n", "")
    result = run(runner)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 4  # the meeting and every case name ola
    assert "(kvk.yaml or the organisation changed, so all were checked)" in result.stderr


def test_merged_branches_with_conflicting_utvalgssaksnr(runner, records):
    """Two branches give the same utvalgssaksnr to different cases: git merges cleanly, kvk does not."""
    edit(records, C17, "moetedato: 12.11.2009", "moetedato: 12.11.2009\n    utvalgssaksnr: 45/09")
    commit_all(records, "number 2009/17 as 45/09")
    git(records, "switch", "-q", "main")
    edit(records, C30, "moetedato: 2009-12-03", "moetedato: 2009-12-03\n    utvalgssaksnr: 45/09")
    commit_all(records, "number 2009/30 as 45/09")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "--no-edit", "main")
    result = run(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{C17}:7:20: error KVK214 utvalgssaksnr 45/2009 in formannskapet is also given to case 2009/30"
        " (hint: each body numbers its items once per year)"]


def test_merge_conflict_on_the_same_new_case_number(runner, records):
    """Both branches create case 2009/19: the conflicted file is reported at its first marker."""
    (records / "data/saker/2009/2009-0019.yaml").write_text(case(19, "2009-12-03").replace("Sak nummer 19", "Veiplan"))
    commit_all(records, "case 2009/19: Veiplan")
    git(records, "switch", "-q", "main")
    (records / "data/saker/2009/2009-0019.yaml").write_text(case(19, "2009-12-03").replace("Sak nummer 19", "Skoleplan"))
    commit_all(records, "case 2009/19: Skoleplan")
    git(records, "switch", "-q", "edit")
    assert git_fails(records, "merge", "main")
    result = run(runner, "HEAD")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/saker/2009/2009-0019.yaml:2:1: error KVK504 unresolved merge conflict: data/saker/2009/2009-0019.yaml"
        " still holds git's conflict markers (hint: keep one side between the <<<<<<< and >>>>>>> lines"
        " (renumber one of two new cases), then git add the file)\n")
    # resolve: main keeps 2009/19, this branch's case becomes 2009/20
    (records / "data/saker/2009/2009-0019.yaml").write_text(case(19, "2009-12-03").replace("Sak nummer 19", "Skoleplan"))
    (records / "data/saker/2009/2009-0020.yaml").write_text(case(20, "2009-12-03").replace("Sak nummer 20", "Veiplan"))
    result = run(runner, "HEAD")
    assert result.exit_code == 0, result.stdout


def git_fails(root, *args):
    import subprocess

    return subprocess.run(["git", *args], cwd=root, capture_output=True).returncode != 0


# --- approved minutes -----------------------------------------------------------------------


def approve(records):
    git(records, "switch", "-q", "main")
    (records / MEETING).write_text((records / MEETING).read_text() + APPROVAL)
    commit_all(records, "minutes approved")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "main")


def test_changing_approved_minutes_needs_a_rettelse(runner, records):
    approve(records)
    edit(records, MEETING, "vedtak: Saken utsettes.", "vedtak: Saken avvises.")
    result = run(runner)
    assert result.exit_code == 1
    main = git(records, "rev-parse", "--short=7", "main").strip()
    assert result.stdout.splitlines() == [
        f"{MEETING}:14:13: error KVK500 minutes approved 2009-11-26 changed since the merge base with main"
        f" ({main}) without a rettelser entry: punkt 2: vedtak: Saken utsettes. → Saken avvises."
        " (hint: approved minutes are not edited silently: add a rettelser entry (dato, av, grunn) or undo"
        " the change)"]
    (records / MEETING).write_text((records / MEETING).read_text() + (
        "rettelser:\n  - dato: 2009-12-01\n    av: Kari Nordmann\n    grunn: Feil i vedtaket, jf. lydopptak.\n"))
    assert run(runner).exit_code == 0


def test_recorded_corrections_are_never_altered(runner, records):
    approve(records)
    (records / MEETING).write_text((records / MEETING).read_text() + (
        "rettelser:\n  - {dato: 2009-12-01, av: Kari Nordmann, grunn: Skrivefeil}\n"))
    commit_all(records, "correction")
    edit(records, MEETING, "grunn: Skrivefeil", "grunn: Ingenting")
    result = run(runner, "HEAD")
    assert result.exit_code == 1
    assert "error KVK502 a rettelser entry from the approved minutes was removed or altered" in result.stdout


def test_deleting_approved_minutes(runner, records):
    approve(records)
    git(records, "rm", "-q", MEETING)
    result = run(runner)
    assert result.exit_code == 1
    assert f"{MEETING}:1:1: error KVK501 the minutes of 2009-11-12-formannskapet were approved 2009-11-26" in result.stdout


def test_draft_minutes_may_change_freely(runner, records):
    edit(records, MEETING, "vedtak: Saken utsettes.", "vedtak: Saken avvises.")
    assert run(runner).exit_code == 0


def test_file_broken_only_at_ref(runner, records):
    """A branch that fixes a file broken on main passes; a meeting broken at REF is a warning,
    since whether it was approved cannot be known."""
    git(records, "switch", "-q", "main")
    edit(records, C30, "tittel: Sak nummer 30", "tittel: [Sak nummer 30")
    edit(records, MEETING, "dokumenttype: moeteprotokoll", "dokumenttype: moeteprotokoll\n  feil: innrykk")
    commit_all(records, "broken on main")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "main")
    edit(records, C30, "tittel: [Sak nummer 30", "tittel: Sak nummer 30")
    edit(records, MEETING, "dokumenttype: moeteprotokoll\n  feil: innrykk", "dokumenttype: moeteprotokoll")
    result = run(runner)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith(f"{MEETING}:1:1: warning KVK503 {MEETING} does not load at the merge base")


# --- errors ---------------------------------------------------------------------------------


def test_not_a_git_repository(runner, tmp_path, monkeypatch, git_env):
    (tmp_path / "kvk.yaml").write_text("organisasjon: X\n")
    monkeypatch.chdir(tmp_path)
    result = run(runner)
    assert result.exit_code == 2
    assert result.stderr == (f"kvk: {tmp_path} is not in a git repository (run 'git init' there, or use"
                             " kvk check without --changed)\n")


def test_unknown_ref(runner, records):
    result = run(runner, "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.startswith("kvk: unknown revision 'no-such-branch'")
    assert len(result.stderr.splitlines()) == 1


def test_github_annotations(runner, records):
    edit(records, C17, "saksbehandler: ola", "saksbehandler: olav")
    result = runner.invoke(app, ["check", "--changed", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={C17},line=3,col=16,title=KVK201::KVK201 unknown person 'olav'"
        " (hint: add the person to data/organisasjon.yaml, or fix the id)\n")


def test_spellings_searched_for():
    assert saksnr_spellings("2009/17") == ["2009/0017", "2009/017", "2009/17"]
    assert date_spellings("2009-01-05") == ["05.01.2009", "05.1.2009", "2009-01-05", "5.01.2009", "5.1.2009"]


def test_case_files_with_a_title_slug(runner, records):
    """A case file may carry a slug of its title after the number (kvk new-case writes such names)."""
    from kvk.layout import case_files, id_of

    assert id_of("data/saker/2009/2009-0017-budsjett-2010.yaml") == "2009/17"
    assert id_of("data/saker/2009/2009-0017budsjett.yaml") is None
    git(records, "mv", C18, "data/saker/2009/2009-0018-veiplan.yaml")
    commit_all(records, "slug")
    assert case_files(records, "2009/18") == ["data/saker/2009/2009-0018-veiplan.yaml"]
    assert case_files(records, "2009/1") == []
    # the meeting drops 2009/18: the slugged case file is found through the meeting's old agenda
    edit(records, MEETING, "    sak: 2009/18\n", "")
    result = run(runner, "HEAD")
    assert "data/saker/2009/2009-0018-veiplan.yaml:5:5: error KVK206" in result.stdout
