"""Review output that may be shown in public never quotes exempt text or a reason for absence
(issue 12, point 2): kvk diff --public (and --format md, which is for pull requests), the KVK500
message behind annotations, the workflow kvk init --ci github writes."""

from __future__ import annotations

import json

import pytest

from kvk.cli import app

from ..gitrepos import APPROVAL, commit_all, edit, git, git_env, records  # noqa: F401

MEETING = "data/moter/2009/2009-11-12-formannskapet.yaml"
C17, C18 = "data/saker/2009/2009-0017.yaml", "data/saker/2009/2009-0018.yaml"
SECRETS = ["Hemmelig-navn-Olsen", "barnevern-sak-4711", "sykmeldt-depresjon", "Lukket-tittel-X9"]


def secret_changes(root):
    # a span in a vedtak, a reason for absence, a field listed in skjerming.felt, a whole record
    edit(root, MEETING, "    vedtak: Saken utsettes.\n",
         '    vedtak: Saken utsettes for [[skjermet hjemmel="offl. § 13"]]Hemmelig-navn-Olsen[[/skjermet]].\n')
    edit(root, MEETING, "  - {person: kari, oppmoete: moett}\n",
         "  - {person: kari, oppmoete: forfall, forfall_grunn: sykmeldt-depresjon}\n")
    (root / C17).write_text((root / C17).read_text().replace("tittel: Sak nummer 17", "tittel: Lukket-tittel-X9")
                            + "offentlig_tittel: Sak om tilskudd\nskjerming: {hjemmel: offl. § 13, felt: [tittel]}\n")
    (root / C18).write_text((root / C18).read_text()
                            + "arkivkode: barnevern-sak-4711\noffentlig_tittel: Sak om barn\nskjerming: {hjemmel: offl. § 13}\n")


def leaked(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


@pytest.mark.parametrize("args", [["--format", "md"], ["--public"], ["--format", "md", "--public"],
                                  ["--format", "json", "--public"]])
def test_public_diff_never_quotes_exempt_text_or_absence_reasons(runner, records, args):
    secret_changes(records)
    result = runner.invoke(app, ["diff", "main", *args])
    assert result.exit_code == 0, result.output
    assert leaked(result.stdout) == [], result.stdout
    assert "not shown in public output" in result.stdout
    assert "offl. § 13" in result.stdout  # the reader learns why
    if "json" not in args:
        assert "Sak om tilskudd" in result.stdout  # the public title stands in for the exempt one


def test_internal_diff_shows_everything(runner, records):
    secret_changes(records)
    result = runner.invoke(app, ["diff", "main"])  # text is internal unless --public
    assert result.exit_code == 0, result.output
    assert set(leaked(result.stdout)) == {"Hemmelig-navn-Olsen", "sykmeldt-depresjon", "Lukket-tittel-X9",
                                          "barnevern-sak-4711"}
    md = runner.invoke(app, ["diff", "main", "--format", "md", "--internal"])
    assert "Hemmelig-navn-Olsen" in md.stdout


def test_the_approved_minutes_alert_does_not_quote_exempt_text(runner, records):
    git(records, "switch", "-q", "main")
    (records / MEETING).write_text((records / MEETING).read_text() + APPROVAL)
    commit_all(records, "minutes approved")
    git(records, "switch", "-q", "edit")
    git(records, "merge", "-q", "main")
    edit(records, MEETING, "    vedtak: Saken utsettes.\n",
         '    vedtak: Saken utsettes for [[skjermet hjemmel="offl. § 13"]]Hemmelig-navn-Olsen[[/skjermet]].\n')
    result = runner.invoke(app, ["check", "--changed", "main", "--format", "github"])
    assert "KVK500" in result.stdout
    assert leaked(result.stdout + result.stderr) == [], result.stdout
    diff = runner.invoke(app, ["diff", "main"])
    assert leaked(diff.stderr) == []  # the alert on standard error, too


def test_near_miss_markup_is_withheld_too(runner, records):
    edit(records, MEETING, "    vedtak: Saken utsettes.\n", "    vedtak: Saken [[ SKJERMA ]]Hemmelig-navn-Olsen.\n")
    result = runner.invoke(app, ["diff", "main", "--format", "md"])
    assert leaked(result.stdout) == []


def test_the_generated_workflow_summarises_with_public_output_only():
    from kvk.authoring.ci_files import github_workflow

    text = github_workflow()
    assert 'kvk diff "origin/$BASE" --format md --public >> "$GITHUB_STEP_SUMMARY"' in text
    assert "--internal" not in text
