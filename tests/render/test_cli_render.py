"""The render commands as a user drives them: output, files, options and every failure mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kvk.cli import app

from ..conftest import require_pdf, write_tree

MEETING = "2009-10-30-styringsgruppa"


def run(runner, repo: Path, *args: str):
    return runner.invoke(app, [*args, "--repo", str(repo)])


# --- output ------------------------------------------------------------------------------------

def test_minutes_to_standard_output(runner, seed_repo):
    result = run(runner, seed_repo, "render-minutes", MEETING)
    assert result.exit_code == 0, result.output
    assert "Vår ref: ANWO 2008/628" in result.stdout
    assert "Trine Hallem (forlot møtet kl. 13.15)" in result.stdout
    assert result.stdout.rstrip().endswith("Anne Grete Wold, ref.\n\nProsjektleder")


def test_output_file_is_written_whole(runner, seed_repo, tmp_path):
    out = tmp_path / "referat.html"
    result = run(runner, seed_repo, "render-minutes", MEETING, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "size: A4" in html
    assert list(tmp_path.glob(".referat.html.*")) == []  # no temporary file left behind
    assert result.stdout == ""


def test_substitute_and_partial_presence(runner, seed_repo):
    meeting = seed_repo / "data/moter/2009" / f"{MEETING}.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("  - {person: ola-stene, oppmoete: forfall}\n", "")  # no "(Y møtte)" under Forfall
    text = text.replace("  - {person: geir-sandholm, oppmoete: moett}",
                        "  - {person: geir-sandholm, oppmoete: moett, til_stede_fra: \"2\"}")
    meeting.write_text(text, encoding="utf-8")
    out = run(runner, seed_repo, "render-minutes", MEETING).stdout
    assert "Øystein Sende (for Ola Stene)" in out
    assert "Geir Sandholm (møtte fra sak 2)" in out
    assert "**Forfall:** Inger Marie Bakken, Hans Heieraas, Trond Selseth." in out


def test_maalform_option_switches_every_label(runner, seed_repo):
    result = run(runner, seed_repo, "render-minutes", MEETING, "--maalform", "nn")
    assert "**Til stades:**" in result.stdout
    assert "Dykkar ref:" in result.stdout
    assert "forlét møtet kl. 13.15" in result.stdout


def test_maalform_defaults_to_kvk_yaml_when_the_record_has_none(runner, seed_repo):
    meeting = seed_repo / "data/moter/2009" / f"{MEETING}.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("maalform: nb\n", ""), encoding="utf-8")
    config = seed_repo / "kvk.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("maalform: nb", "maalform: nn"), encoding="utf-8")
    assert "**Til stades:**" in run(runner, seed_repo, "render-minutes", MEETING).stdout


@pytest.mark.parametrize("placement,top,end", [("topp", True, False), ("slutt", False, True), ("begge", True, True)])
def test_innstilling_placement_follows_kvk_yaml(runner, seed_repo, placement, top, end):
    config = seed_repo / "kvk.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "innstilling_plassering: slutt", f"innstilling_plassering: {placement}"), encoding="utf-8")
    text = run(runner, seed_repo, "render-case", "2008/1001").stdout
    lines = text.splitlines()
    heading = "## Ordførerens innstilling:"
    positions = [i for i, line in enumerate(lines) if line == heading]
    title = lines.index("# Søknad om deltakelse i Kvalitetskommuneprosjektet")
    vedlegg = lines.index("## Vedlegg")
    assert any(title < p < vedlegg for p in positions) is top
    assert any(p > vedlegg for p in positions) is end


def test_record_html_is_escaped_not_passed_through(runner, seed_repo):
    case = seed_repo / "data/saker/2008/2008-1001.yaml"
    text = case.read_text(encoding="utf-8").replace(
        "Leksvik kommune er i gang nå med sitt prosjekt.",
        "Leksvik <script>alert(1)</script> kommune <b onclick=x>er</b> i gang.")
    case.write_text(text, encoding="utf-8")
    html = run(runner, seed_repo, "render-case", "2008/1001", "--format", "html").stdout
    assert "<script>" not in html and "<b onclick" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_record_markdown_becomes_html(runner, seed_repo):
    html = run(runner, seed_repo, "render-case", "2008/1001", "--format", "html").stdout
    assert "<li>Politisk nivå</li>" in html
    assert '<table class="saksgang">' in html


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_without_weasyprint_says_how_to_get_it(runner, seed_repo, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes 'import weasyprint' fail
    out = tmp_path / "referat.pdf"
    result = run(runner, seed_repo, "render-minutes", MEETING, "--format", "pdf", "-o", str(out))
    assert result.exit_code == 2
    assert "KVK307" in result.stderr and "pip install 'kvk-records[pdf]'" in result.stderr
    assert not out.exists()


def test_pdf_needs_an_output_file(runner, seed_repo):
    result = run(runner, seed_repo, "render-minutes", MEETING, "--format", "pdf")
    assert result.exit_code == 2
    assert "-o FILE.pdf" in result.stderr


def test_pdf_is_written(runner, seed_repo, tmp_path):
    pypdf = require_pdf()
    out = tmp_path / "referat.pdf"
    result = run(runner, seed_repo, "render-minutes", MEETING, "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Referat fra møte i styringsgruppa" in " ".join(text.split())


# --- failures: one line, exit 2, nothing written ------------------------------------------------

def _one_line_failure(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    for needle in needles:
        assert needle in message, message
    return message


def test_unknown_saksnr(runner, seed_repo):
    _one_line_failure(run(runner, seed_repo, "render-case", "2008/999"),
                      "data/saker/2008/2008-0999.yaml", "KVK301", "unknown case 2008/999")


def test_malformed_saksnr(runner, seed_repo):
    _one_line_failure(run(runner, seed_repo, "render-case", "08/999"), "KVK301", "2008/999")


def test_unknown_meeting(runner, seed_repo):
    _one_line_failure(run(runner, seed_repo, "render-agenda", "2009-10-31-styringsgruppa"),
                      "KVK302", "data/moter/2009/2009-10-31-styringsgruppa.yaml")


def test_meeting_id_cannot_name_a_path(runner, seed_repo):
    _one_line_failure(run(runner, seed_repo, "render-minutes", "../../etc/passwd"), "KVK302", "not a meeting id")


def test_invalid_record_names_its_line(runner, seed_repo):
    case = seed_repo / "data/saker/2008/2008-1001.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("dato:\n", "dato: 31.02.2008\n"), encoding="utf-8")
    _one_line_failure(run(runner, seed_repo, "render-case", "2008/1001"),
                      "data/saker/2008/2008-1001.yaml:12:", "KVK308", "KVK104")


def test_template_syntax_error_names_file_and_line(runner, seed_repo, tmp_path):
    write_tree(seed_repo, {"templates/protokoll.md.j2": """\
        {{ doc.tittel }}

        {% for p in doc.saker %}
        {{ p.nr }
        {% endfor %}
        """})
    out = tmp_path / "out.md"
    result = run(runner, seed_repo, "render-minutes", MEETING, "-o", str(out))
    _one_line_failure(result, "templates/protokoll.md.j2:4:", "KVK303")
    assert not out.exists()


def test_undefined_value_names_file_and_line(runner, seed_repo, tmp_path):
    write_tree(seed_repo, {"templates/protokoll.md.j2": """\
        {{ doc.tittel }}

        {{ doc.no_such_field }}
        """})
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "out.md"
    out.write_text("the previous rendering\n", encoding="utf-8")
    result = run(runner, seed_repo, "render-minutes", MEETING, "-o", str(out))
    _one_line_failure(result, "templates/protokoll.md.j2:3:", "KVK304", "no_such_field")
    assert out.read_text(encoding="utf-8") == "the previous rendering\n"  # untouched
    assert [p.name for p in folder.iterdir()] == ["out.md"]  # and no temporary file


def test_undefined_value_in_an_included_macro_names_that_file(runner, seed_repo):
    write_tree(seed_repo, {
        "templates/macros.md.j2": "{% macro bullets(items) %}{{ items.nope }}{% endmacro %}\n"
                                  "{% macro oppfoelging(items) %}{% endmacro %}\n"
                                  "{% macro behandling(b) %}{% endmacro %}\n"
                                  "{% macro subtopic(u, level) %}{% endmacro %}\n"})
    _one_line_failure(run(runner, seed_repo, "render-minutes", MEETING), "templates/macros.md.j2:1:", "KVK304")


def test_sandbox_refuses_unsafe_templates(runner, seed_repo):
    write_tree(seed_repo, {"templates/protokoll.md.j2": "{{ doc.__class__.__mro__ }}\n"})
    _one_line_failure(run(runner, seed_repo, "render-minutes", MEETING),
                      "templates/protokoll.md.j2:1:", "KVK306", "unsafe")


def test_missing_template_names_the_including_file(runner, seed_repo):
    write_tree(seed_repo, {"templates/protokoll.md.j2": "{{ doc.tittel }}\n{% include 'no-such.md.j2' %}\n"})
    _one_line_failure(run(runner, seed_repo, "render-minutes", MEETING),
                      "templates/protokoll.md.j2:2:", "KVK305", "'no-such.md.j2' not found")


# --- overriding and extending templates ---------------------------------------------------------

def test_repository_template_overrides_the_default(runner, seed_repo):
    write_tree(seed_repo, {"templates/protokoll.md.j2": "Egen mal: {{ doc.tittel }}\n"})
    result = run(runner, seed_repo, "render-minutes", MEETING)
    assert result.stdout == ("Egen mal: Kvalitetskommuneprogrammet 2007-2009. "
                             "Referat fra møte i styringsgruppa 30. oktober 2009\n")


def test_override_can_extend_the_default_it_replaces(runner, seed_repo):
    write_tree(seed_repo, {"templates/protokoll.md.j2": """\
        {% extends "default/protokoll.md.j2" %}
        {% block letterhead %}
        ISK – Innherred samkommune

        {{ super() }}
        {% endblock %}
        """})
    result = run(runner, seed_repo, "render-minutes", MEETING)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == ["ISK – Innherred samkommune", "", "Styringsgruppa i Kvalitetskommuneprogrammet"]
    assert "Anne Grete Wold, ref." in lines


def test_html_override_can_extend_base_css(runner, seed_repo):
    write_tree(seed_repo, {"templates/base.html.j2": """\
        {% extends "default/base.html.j2" %}
        {% block css %}{{ super() }}
        body { font-family: "Open Sans", sans-serif; }
        {% endblock %}
        """})
    html = run(runner, seed_repo, "render-case", "2008/1001", "--format", "html").stdout
    assert 'body { font-family: "Open Sans", sans-serif; }' in html
    assert "size: A4" in html


def test_help_of_every_render_command_has_an_example(runner):
    for command in ("render-case", "render-agenda", "render-minutes"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout and f"kvk {command}" in result.stdout
