"""CI: GitHub annotations, and the workflow kvk writes, run step by step in a simulated pull
request (a clone of an 'origin' with a main branch, as actions/checkout leaves it)."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

from kvk.authoring.ci_files import github_workflow, pre_commit_config
from kvk.cli import app

from ..conftest import ROOT
from ..gitrepos import case, commit_all, edit, git, git_env, records  # noqa: F401

C17 = "data/saker/2009/2009-0017.yaml"


def test_annotations_for_a_repository_at_the_top_of_the_checkout(runner, records, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(records))
    edit(records, C17, "saksbehandler: ola", "saksbehandler: olav")
    edit(records, "data/saker/2009/2009-0030.yaml", "tittel: Sak nummer 30\n", "")
    result = runner.invoke(app, ["check", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={C17},line=3,col=16,title=KVK201::KVK201 unknown person 'olav'"
        " (hint: add the person to data/organisasjon.yaml, or fix the id)",
        # a finding about the whole record sits on its first line
        "::error file=data/saker/2009/2009-0030.yaml,line=1,col=1,title=KVK101::KVK101 missing required field 'tittel'"
    ]


def test_annotations_for_a_repository_in_a_subfolder(runner, records, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(records.parent))
    edit(records, C17, "saksbehandler: ola", "saksbehandler: olav")
    result = runner.invoke(app, ["check", "--changed", "--format", "github"])
    assert result.stdout.startswith(f"::error file=repo/{C17},line=3,col=16,title=KVK201::")


def test_escaping_in_annotations(runner, records, monkeypatch):
    edit(records, C17, "saksbehandler: ola", "saksbehandler: ola\nfoo%bar: 1")
    result = runner.invoke(app, ["check", C17, "--format", "github"])
    assert "unknown field 'foo%25bar'" in result.stdout


def test_a_file_name_with_comma_percent_or_colon_is_escaped_in_the_annotation(runner, records):
    # GitHub reads "file=a,b%c.yaml" as file "a", a property "b%c.yaml", and unescapes %XX
    (records / "data/saker/2009/a,b%c:d.yaml").write_text("saksnr: 2009/99\ntittel: Sak\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "github"])
    annotations = [line for line in result.stdout.splitlines() if "a%2Cb%25c%3Ad.yaml" in line]
    assert annotations, result.stdout
    assert all(line.startswith("::error file=data/saker/2009/a%2Cb%25c%3Ad.yaml,line=") for line in annotations)
    assert "a,b%c" not in result.stdout


def test_github_form_escapes_properties_and_message():
    from kvk.diagnostics import Diagnostic, Severity

    d = Diagnostic("a,b%c.yaml", 2, 3, "KVK201", "50% done\nnext, then", hint="x: y", severity=Severity.WARNING)
    assert d.format_github() == ("::warning file=a%2Cb%25c.yaml,line=2,col=3,title=KVK201::"
                                 "KVK201 50%25 done%0Anext, then (hint: x: y)")
    assert d.format_github("sub,dir/") == d.format_github().replace("file=", "file=sub%2Cdir/")


def workflow_steps() -> list[dict]:
    return yaml.safe_load(github_workflow())["jobs"]["check"]["steps"]


def run_step(step: dict, cwd: Path, event: str, summary: Path) -> subprocess.CompletedProcess:
    """Run one step's shell command as GitHub would (bash -e, the step's env), if its condition holds."""
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(cwd),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.update({k: v.replace("${{ github.base_ref }}", "main") for k, v in step.get("env", {}).items()})
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_workflow_on_a_pull_request(tmp_path, records):
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(records), str(origin))
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(origin), str(checkout))
    git(checkout, "switch", "-q", "-c", "pr")
    edit(checkout, C17, "saksbehandler: ola", "saksbehandler: olav")
    edit(checkout, "data/saker/2009/2009-0030.yaml", "tittel: Sak nummer 30", "tittel: Budsjett 2010")
    commit_all(checkout, "the pull request")
    summary = tmp_path / "summary.md"
    steps = {s.get("name"): s for s in workflow_steps()}
    assert [s.get("uses", s.get("name")) for s in workflow_steps()] == [
        "actions/checkout@v4", "actions/setup-python@v5", "Install kvk",
        "Summarise the changed records for reviewers",
        "Check the changed records and those that refer to them", "Check every record"]
    assert steps["Summarise the changed records for reviewers"]["if"] == "github.event_name == 'pull_request'"

    diff = run_step(steps["Summarise the changed records for reviewers"], checkout, "pull_request", summary)
    assert diff.returncode == 0, diff.stderr
    text = summary.read_text()
    assert text.startswith("### Records changed since origin/main (`")
    assert "- **Sak 2009/30** «Budsjett 2010» changed (`data/saker/2009/2009-0030.yaml`)\n" \
           "  - tittel: Sak nummer 30 → Budsjett 2010\n" in text

    check = run_step(steps["Check the changed records and those that refer to them"], checkout, "pull_request", summary)
    assert check.returncode == 1
    assert check.stdout == (f"::error file={C17},line=3,col=16,title=KVK201::KVK201 unknown person 'olav'"
                            " (hint: add the person to data/organisasjon.yaml, or fix the id)\n")

    full = run_step(steps["Check every record"], checkout, "push", summary)
    assert full.returncode == 1 and "KVK201" in full.stdout


def test_pre_commit_config_is_valid_for_pre_commit(tmp_path):
    (tmp_path / ".pre-commit-config.yaml").write_text(pre_commit_config())
    exe = Path(sys.executable).with_name("pre-commit")
    result = subprocess.run([str(exe), "validate-config", ".pre-commit-config.yaml"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load(pre_commit_config())["repos"][0]["hooks"]
    product = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for hook in hooks:  # the local hooks are the product's hooks, run with the installed kvk
        assert {k: v for k, v in hook.items() if k != "language"} == \
               {k: v for k, v in product[hook["id"]].items() if k not in ("language", "description")}


def test_docs_show_the_files_kvk_writes():
    ci = (ROOT / "docs/ci.md").read_text(encoding="utf-8")
    assert f"```yaml\n{github_workflow()}```" in ci
    review = (ROOT / "docs/review.md").read_text(encoding="utf-8")
    assert f"```yaml\n{pre_commit_config()}```" in review
