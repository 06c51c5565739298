"""kvk diff and kvk log in real git repositories."""

import json
import shutil

from kvk.cli import app

from ..gitrepos import APPROVAL, commit_all, edit, git, git_env, records  # noqa: F401

MEETING = "data/moter/2009/2009-11-12-formannskapet.yaml"
C17, C18, C30 = (f"data/saker/2009/2009-00{n}.yaml" for n in (17, 18, 30))


def short(records, ref="main"):
    return git(records, "rev-parse", "--short=7", ref).strip()


def branch_work(records):
    """A typical branch: a case moved to another meeting and decided, an item's decision
    reworded, a case renumbered (git mv), a new case (untracked)."""
    edit(records, C18, "moetedato: 12.11.2009", "moetedato: 19.11.2009")
    (records / C18).write_text((records / C18).read_text() + (
        "behandlinger:\n  - utvalg: formannskapet\n    moetedato: 2009-11-19\n    vedtak: Saken utsettes.\n"))
    edit(records, MEETING, "    sak: 2009/18\n    vedtak: Saken utsettes.\n", "    sak: 2009/18\n")
    git(records, "mv", C30, "data/saker/2009/2009-0031.yaml")
    edit(records, "data/saker/2009/2009-0031.yaml", "saksnr: 2009/30", "saksnr: 2009/31")
    (records / "data/saker/2009/2009-0040.yaml").write_text(
        "saksnr: 2009/40\ntittel: Ny veiplan\nsaksbehandler: kari\n")


def test_diff_text(runner, records):
    branch_work(records)
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"""\
4 records changed since the merge base with main ({short(records)})

Sak 2009/30 → Sak 2009/31 «Sak nummer 30» moved data/saker/2009/2009-0030.yaml → data/saker/2009/2009-0031.yaml
  - saksnr: 2009/30 → 2009/31
Møte Formannskapet 2009-11-12 changed (data/moter/2009/2009-11-12-formannskapet.yaml)
  - punkt 2: vedtak removed (was: Saken utsettes.)
Sak 2009/18 «Sak nummer 18» changed (data/saker/2009/2009-0018.yaml)
  - saksgang: Formannskapet 2009-11-12 → 2009-11-19
  - behandlinger: Formannskapet 2009-11-19 added (vedtak: Saken utsettes.)
Sak 2009/40 «Ny veiplan» added (data/saker/2009/2009-0040.yaml)
"""
    assert result.stderr == ""


def test_diff_markdown_for_a_pull_request(runner, records):
    branch_work(records)
    result = runner.invoke(app, ["diff", "main", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"""\
### Records changed since main (`{short(records)}`)

**Moved**

- **Sak 2009/30 → Sak 2009/31** «Sak nummer 30» moved `data/saker/2009/2009-0030.yaml` → `data/saker/2009/2009-0031.yaml`
  - saksnr: 2009/30 → 2009/31

**Changed**

- **Møte Formannskapet 2009-11-12** changed (`data/moter/2009/2009-11-12-formannskapet.yaml`)
  - punkt 2: vedtak removed (was: Saken utsettes.)
- **Sak 2009/18** «Sak nummer 18» changed (`data/saker/2009/2009-0018.yaml`)
  - saksgang: Formannskapet 2009-11-12 → 2009-11-19
  - behandlinger: Formannskapet 2009-11-19 added (vedtak: Saken utsettes.)

**Added**

- **Sak 2009/40** «Ny veiplan» added (`data/saker/2009/2009-0040.yaml`)
"""


def test_diff_json(runner, records):
    branch_work(records)
    result = runner.invoke(app, ["diff", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["base"] == git(records, "rev-parse", "main").strip()
    assert [(r["status"], r["record"], r["old_path"], r["path"]) for r in data["records"]] == [
        ("renamed", "Sak 2009/31", C30, "data/saker/2009/2009-0031.yaml"),
        ("changed", "Møte Formannskapet 2009-11-12", MEETING, MEETING),
        ("changed", "Sak 2009/18", C18, C18),
        ("added", "Sak 2009/40", None, "data/saker/2009/2009-0040.yaml"),
    ]
    assert data["records"][2]["changes"][0] == {
        "path": "saksgang[0]", "where": "saksgang", "change": "changed", "renamed_item": True,
        "old": "Formannskapet 2009-11-12", "new": "Formannskapet 2009-11-19"}


def test_diff_limited_to_paths(runner, records):
    branch_work(records)
    result = runner.invoke(app, ["diff", "main", "--", "data/moter"])
    assert result.stdout.splitlines()[0] == f"1 record changed since main ({short(records)})"
    result = runner.invoke(app, ["diff", "--", "data/saker/2009/2009-0040.yaml"])
    assert result.stdout.splitlines()[2] == "Sak 2009/40 «Ny veiplan» added (data/saker/2009/2009-0040.yaml)"


def test_plain_move_without_git_is_still_a_rename(runner, records):
    shutil.move(records / C17, records / "data/saker/2009/2009-0019.yaml")  # not staged
    result = runner.invoke(app, ["diff"])
    assert result.stdout.splitlines()[2:] == [
        "Sak 2009/17 «Sak nummer 17» moved data/saker/2009/2009-0017.yaml → data/saker/2009/2009-0019.yaml"]


def test_layout_only_change(runner, records):
    edit(records, C17, "moetedato: 12.11.2009", "moetedato: 2009-11-12  # flyttet?")
    result = runner.invoke(app, ["diff"])
    assert result.stdout.splitlines()[2:] == [
        "Sak 2009/17 «Sak nummer 17» changed (data/saker/2009/2009-0017.yaml)",
        "  - no change in content (layout or comments only)"]


def test_nothing_changed(runner, records):
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0
    assert result.stdout == f"no records changed since the merge base with main ({short(records)})\n"


def test_approved_minutes_are_flagged_loudly(runner, records):
    git(records, "switch", "-q", "main")
    (records / MEETING).write_text((records / MEETING).read_text() + APPROVAL)
    commit_all(records, "approved")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "main")
    edit(records, MEETING, "vedtak: Saken utsettes.", "vedtak: Saken avvises.")
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0
    base = f"the merge base with main ({short(records)})"
    alert = (f"KVK500 minutes approved 2009-11-26 changed since {base} without a rettelser entry: "
             f"punkt 2: vedtak: Saken utsettes. → Saken avvises.")
    assert result.stdout.splitlines()[2:] == [
        "Møte Formannskapet 2009-11-12 changed (data/moter/2009/2009-11-12-formannskapet.yaml)",
        f"  !! {alert}",
        "  - punkt 2: vedtak: Saken utsettes. → Saken avvises."]
    assert result.stderr.startswith(f"kvk: WARNING: APPROVED MINUTES CHANGED: {MEETING}:14:13: error KVK500")
    md = runner.invoke(app, ["diff", "--format", "md"]).stdout
    assert "> [!CAUTION]\n> **Approved minutes changed.**" in md
    assert "⚠️ **approved minutes**" in md


def test_long_text_as_word_diff(runner, records):
    (records / C17).write_text((records / C17).read_text() + (
        "seksjoner:\n  - type: vurdering\n    tekst: |\n      Rådmannen tilrår at formannskapet "
        "slutter seg til planen slik den foreligger, med de endringer som følger av høringen.\n"))
    commit_all(records, "vurdering")
    edit(records, C17, "slik den foreligger, med", "slik den foreligger, uten")
    result = runner.invoke(app, ["diff", "HEAD", "--format", "md"])
    # six words of context on each side
    assert result.stdout.splitlines()[-1] == (
        "  - vurdering: tekst: …seg til planen slik den foreligger, ~~med~~ **uten** de endringer som følger"
        " av høringen.")


def test_file_broken_at_ref_is_exit_2(runner, records):
    edit(records, C17, "tittel: Sak nummer 17", "tittel: [Sak nummer 17")
    commit_all(records, "broken")
    edit(records, C17, "tittel: [Sak nummer 17", "tittel: Sak nummer 17")
    result = runner.invoke(app, ["diff", "HEAD"])
    assert result.exit_code == 2
    head = short(records, "HEAD")
    assert result.stderr == (
        f"kvk: {C17}:3:14 at HEAD ({head}): KVK503 the file does not load there: KVK001 invalid YAML: "
        "expected ',' or ']', but got ':'\n")


def test_diff_errors(runner, records, tmp_path, monkeypatch):
    result = runner.invoke(app, ["diff", "nope"])
    assert result.exit_code == 2 and result.stderr.startswith("kvk: unknown revision 'nope': ")
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "kvk.yaml").write_text("organisasjon: X\n")
    monkeypatch.chdir(outside)
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 2 and "is not in a git repository" in result.stderr


# --- kvk log --------------------------------------------------------------------------------


def test_log_follows_a_renumbered_case(runner, records):
    edit(records, C30, "saksgang:", "arkivkode: 151\nsaksgang:")
    commit_all(records, "arkivkode for 2009/30")
    git(records, "mv", C30, "data/saker/2009/2009-0031.yaml")
    edit(records, "data/saker/2009/2009-0031.yaml", "saksnr: 2009/30", "saksnr: 2009/31")
    commit_all(records, "Renumber 2009/30 as 2009/31 (2009/30 was taken on main)")
    result = runner.invoke(app, ["log", "2009/31"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    shas = git(records, "log", "--format=%h", "-3").split()
    lines = [line for line in out.splitlines() if not line.startswith("commit ")]
    assert lines == [
        "    Renumber 2009/30 as 2009/31 (2009/30 was taken on main)",
        "  Sak 2009/30 → Sak 2009/31 «Sak nummer 30» moved data/saker/2009/2009-0030.yaml → data/saker/2009/2009-0031.yaml",
        "  - saksnr: 2009/30 → 2009/31",
        "",
        "    arkivkode for 2009/30",
        "  Sak 2009/30 «Sak nummer 30» changed (data/saker/2009/2009-0030.yaml)",
        "  - arkivkode added: 151",
        "",
        "    Formannskapet 12.11.2009",
        "  Sak 2009/30 «Sak nummer 30» added (data/saker/2009/2009-0030.yaml)",
    ]
    headers = [line for line in out.splitlines() if line.startswith("commit ")]
    assert len(headers) == 3 and all("Kari Nordmann <kari@example.no>" in h for h in headers)
    assert [h.split()[1][:7] for h in headers] == [s[:7] for s in shas]
    data = json.loads(runner.invoke(app, ["log", "data/saker/2009/2009-0031.yaml", "--format", "json"]).stdout)
    assert [c["change"]["status"] for c in data["commits"]] == ["renamed", "changed", "added"]
    assert data["commits"][0]["author"] == "Kari Nordmann"


def test_log_of_a_meeting_shows_a_broken_commit(runner, records):
    edit(records, MEETING, "dokumenttype: moeteprotokoll", "dokumenttype: moeteprotokoll\n  x: y")
    commit_all(records, "oops")
    edit(records, MEETING, "dokumenttype: moeteprotokoll\n  x: y", "dokumenttype: moeteprotokoll")
    commit_all(records, "fix")
    out = runner.invoke(app, ["log", "2009-11-12-formannskapet"]).stdout
    assert "  ! does not load in this commit: " in out
    assert out.count("commit ") == 3


def test_log_errors(runner, records):
    result = runner.invoke(app, ["log", "2009/99"])
    assert result.exit_code == 2
    assert result.stderr == ("kvk: no commits touch data/saker/2009/2009-0099.yaml "
                             "(is it committed? 'git log -- data/saker/2009/2009-0099.yaml')\n")
    result = runner.invoke(app, ["log", "sak 17"])
    assert result.exit_code == 2 and "is not a saksnr" in result.stderr


INDICATORS = """\
indikatorer:
  - id: sykefravaer
    navn: Sykefravær
    enhet: prosent
    retning: lavere_er_bedre
    frekvens: kvartal
maalinger:
  - {indikator: sykefravaer, periode: 2009-Q2, verdi: 8.1}
  - {indikator: sykefravaer, periode: 2009-Q3, verdi: 9.0}
"""


def test_diff_of_indicators_and_organisation(runner, records):
    (records / "data/indikatorer").mkdir()
    (records / "data/indikatorer/pro.yaml").write_text(INDICATORS)
    commit_all(records, "indicators")
    edit(records, "data/indikatorer/pro.yaml", "verdi: 9.0}", "verdi: 9.4}\n  - {indikator: sykefravaer, periode: 2009-Q4, verdi: 8.7}")
    edit(records, "data/organisasjon.yaml", "  - {id: per, navn: Per Hansen}\n", "")
    result = runner.invoke(app, ["diff", "HEAD"])
    assert result.stdout.splitlines()[2:] == [
        "Indikatorer pro changed (data/indikatorer/pro.yaml)",
        "  - måling sykefravaer 2009-Q3: verdi: 9 → 9.4",
        "  - maalinger: måling sykefravaer 2009-Q4 added (verdi: 8.7)",
        "Organisasjonen changed (data/organisasjon.yaml)",
        "  - personer: Per Hansen removed",
    ]


def test_log_shows_a_merge_only_where_it_resolved_a_conflict(runner, records):
    import subprocess

    edit(records, C17, "tittel: Sak nummer 17", "tittel: Veiplan")
    commit_all(records, "title on the branch")
    git(records, "switch", "-q", "main")
    edit(records, C17, "tittel: Sak nummer 17", "tittel: Skoleplan")
    edit(records, C18, "tittel: Sak nummer 18", "tittel: Budsjett")
    commit_all(records, "titles on main")
    git(records, "switch", "-q", "edit")
    assert subprocess.run(["git", "merge", "main"], cwd=records, capture_output=True).returncode != 0
    (records / C17).write_text((records / C17).read_text().split("<<<<<<<")[0] + "tittel: Vei- og skoleplan\n"
                               + (records / C17).read_text().split(">>>>>>> main\n")[1])
    commit_all(records, "Merge main: both titles")
    subjects = [line.strip() for line in runner.invoke(app, ["log", "2009/17"]).stdout.splitlines()]
    assert subjects[1:4] == ["Merge main: both titles", "Sak 2009/17 «Vei- og skoleplan» changed "
                             "(data/saker/2009/2009-0017.yaml)", "- tittel: Veiplan → Vei- og skoleplan"]
    # a merge that only brings in main's own change to 2009/18 is not repeated in its history
    log18 = runner.invoke(app, ["log", "2009/18"]).stdout
    assert "Merge main" not in log18 and "titles on main" in log18
